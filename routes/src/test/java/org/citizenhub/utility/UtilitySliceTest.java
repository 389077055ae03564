package org.citizenhub.utility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.citizenhub.HubIntegrationTest;
import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.Bill;
import org.citizenhub.mappings.utility.RejectedBill;
import org.citizenhub.mappings.utility.ServiceAccount;
import org.citizenhub.sandbox.synthetic.Person;
import org.citizenhub.sandbox.synthetic.Population;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.ViewFields.Utility;
import org.citizenhub.sandbox.synthetic.ViewRecord;
import org.citizenhub.sandbox.utility.SimulatedBill;
import org.citizenhub.sandbox.utility.UtilitySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** The utility slice end to end: provider simulators → sync route → vault (linked holders, accounts, bills). */
class UtilitySliceTest extends HubIntegrationTest {

    private static final Duration SYNCED = Duration.ofSeconds(180);
    private static final List<SourceSystem> PROVIDERS = List.of(SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION);

    @Autowired UtilitySimulator providers;
    @Autowired @Qualifier("schoolAndUtilityViews") SyntheticDataset views;
    @Autowired Population population;
    @Autowired UtilitySync sync;
    @Autowired SchoolUtilityStore store;
    @Autowired VaultStore vault;
    @Autowired TestRestTemplate http;

    private Map<String, Person> people;

    @BeforeEach
    void everyProviderIsSyncedOnce() {
        people = population.people().stream().collect(Collectors.toMap(Person::personKey, Function.identity()));
        await().atMost(SYNCED).until(() -> PROVIDERS.stream().allMatch(p -> sync.lastCompleteSync(p).isPresent()));
    }

    @AfterEach
    void providersBehave() {
        PROVIDERS.forEach(p -> providers.setFault(p, UtilitySimulator.Fault.NONE, Duration.ZERO));
    }

    @Test
    void syncsEveryAccountAndTwelveMonthsOfBillsOfEveryProviderOnStart() {
        for (SourceSystem provider : PROVIDERS) {
            assertThat(store.accountCount(provider)).as(provider.name()).isEqualTo(providers.accountCount(provider));
            assertThat(store.billCount(provider)).as(provider.name()).isGreaterThanOrEqualTo(12L * providers.accountCount(provider) - 2);
            assertThat(vault.watermark(UtilitySync.positionWatermark(provider))).contains("");
        }
        assertThat(store.accountsLinkedToResidents(SourceSystem.ELECTRICITY)).isPositive();
    }

    @Test
    void linksAHolderWithAnIdToTheirCitizenAndShowsTheirAccountsAndUnpaidBills() throws Exception {
        ViewRecord account = views.view(SourceSystem.ELECTRICITY).stream().filter(this::carriesTheHoldersPersonalId)
                .findFirst().orElseThrow();
        GoldenCitizen holder = vault.findByPersonalId(people.get(account.personKey()).personalId()).orElseThrow();
        List<Bill> bills = store.billsOf(SourceSystem.ELECTRICITY, account.recordId());
        long unpaid = bills.stream().filter(b -> !b.paid()).count();

        assertThat(holder.sourceRecords()).contains(new SourceRef(SourceSystem.ELECTRICITY, account.recordId()));
        assertThat(store.accountsOf(holder.citizenId())).extracting(ServiceAccount::customerCode).contains(account.recordId());

        ResponseEntity<String> answer = http.getForEntity("/api/citizens/" + holder.citizenId() + "/accounts", String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        JsonNode shown = VaultJson.mapper().readTree(answer.getBody()).path("accounts");
        JsonNode electricity = null;
        for (JsonNode a : shown) {
            if (a.path("customerCode").asText().equals(account.recordId())) {
                electricity = a;
            }
        }
        assertThat(electricity).as("the account in the answer").isNotNull();
        assertThat(electricity.path("provider").asText()).isEqualTo("ELECTRICITY");
        assertThat(electricity.path("unpaidBills")).hasSize((int) unpaid);
        assertThat(electricity.path("unpaidBills")).allSatisfy(b -> assertThat(b.path("amountVnd").asLong()).isPositive());
        assertThat(http.getForEntity("/api/citizens/no-such-citizen/accounts", String.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void refusesNegativeAndConflictingBillsWithTheirReasonAndKeepsARepeatedBillOnce() {
        String code = views.view(SourceSystem.ELECTRICITY).get(7).recordId();
        Map<YearMonth, Bill> stored = store.billsOf(SourceSystem.ELECTRICITY, code).stream()
                .collect(Collectors.toMap(Bill::period, Function.identity()));
        Bill august = stored.get(YearMonth.of(2025, 8));
        Bill july = stored.get(YearMonth.of(2025, 7));
        long otherBills = store.billCount(SourceSystem.WATER);
        long sourceRecords = vault.sourceRecordCount(SourceSystem.ELECTRICITY);
        providers.addBill(SourceSystem.ELECTRICITY, code, new SimulatedBill(YearMonth.of(2025, 10), new BigDecimal("120"),
                -250_000, LocalDate.of(2025, 11, 15), false));
        providers.addBill(SourceSystem.ELECTRICITY, code, new SimulatedBill(august.period(), august.consumption(),
                august.amountVnd(), august.dueDate(), august.paid()));
        providers.addBill(SourceSystem.ELECTRICITY, code, new SimulatedBill(july.period(), july.consumption(),
                july.amountVnd() + 1_000, july.dueDate(), july.paid()));

        syncAgain();

        assertThat(store.refusalsOf(SourceSystem.ELECTRICITY, code)).containsExactlyInAnyOrder(
                new RejectedBill("ELECTRICITY:" + code + ":2025-10", "amountVnd is negative"),
                new RejectedBill("ELECTRICITY:" + code + ":2025-07", "conflicting bills for the same account and period"),
                new RejectedBill("ELECTRICITY:" + code + ":2025-07", "conflicting bills for the same account and period"));
        List<Bill> after = store.billsOf(SourceSystem.ELECTRICITY, code);
        assertThat(after).extracting(Bill::period).doesNotContain(YearMonth.of(2025, 10), YearMonth.of(2025, 7))
                .containsOnlyOnce(YearMonth.of(2025, 8));
        assertThat(after).contains(august);
        assertThat(store.billCount(SourceSystem.WATER)).as("a re-sync adds nothing").isEqualTo(otherBills);
        assertThat(vault.sourceRecordCount(SourceSystem.ELECTRICITY)).isEqualTo(sourceRecords);
    }

    @Test
    void aProviderThatIsDownIsRetriedAndCaughtUpWhileTheOthersSync() {
        Instant waterBefore = sync.lastCompleteSync(SourceSystem.WATER).orElseThrow();
        Instant electricityBefore = sync.lastCompleteSync(SourceSystem.ELECTRICITY).orElseThrow();
        providers.setFault(SourceSystem.WATER, UtilitySimulator.Fault.UNAVAILABLE, Duration.ZERO);

        sync.requestSync();

        await().atMost(SYNCED).until(() -> sync.lastCompleteSync(SourceSystem.ELECTRICITY).orElseThrow().isAfter(electricityBefore));
        assertThat(sync.lastCompleteSync(SourceSystem.WATER)).contains(waterBefore);
        assertThat(sync.providersDue()).as("the unfinished provider is due at every poll").contains(SourceSystem.WATER);

        providers.setFault(SourceSystem.WATER, UtilitySimulator.Fault.NONE, Duration.ZERO);

        await().atMost(SYNCED).until(() -> sync.lastCompleteSync(SourceSystem.WATER).orElseThrow().isAfter(waterBefore));
        assertThat(store.accountCount(SourceSystem.WATER)).isEqualTo(providers.accountCount(SourceSystem.WATER));
    }

    // ------------------------------------------------------------------ helpers

    private void syncAgain() {
        Instant before = PROVIDERS.stream().map(p -> sync.lastCompleteSync(p).orElseThrow()).max(Instant::compareTo).orElseThrow();
        sync.requestSync();
        await().atMost(SYNCED).until(() -> PROVIDERS.stream()
                .allMatch(p -> sync.lastCompleteSync(p).map(at -> at.isAfter(before)).orElse(false)));
    }

    private boolean carriesTheHoldersPersonalId(ViewRecord account) {
        Person holder = people.get(account.personKey());
        return holder != null && holder.dateOfDeath() == null && holder.personalId().equals(account.field(Utility.ID_NUMBER))
                && Optional.ofNullable(vault.findByPersonalId(holder.personalId())).isPresent();
    }
}
