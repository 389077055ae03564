package org.citizenhub.connectors.utility.simulated;

import org.citizenhub.sandbox.utility.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.utility.AccountContactUpdate;
import org.citizenhub.connectors.utility.AccountPage;
import org.citizenhub.connectors.utility.BillList;
import org.citizenhub.connectors.utility.ContactPolicy;
import org.citizenhub.connectors.utility.UtilityCodec;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.BillValidator;
import org.citizenhub.mappings.utility.CheckedBills;
import org.citizenhub.mappings.utility.RejectedBill;
import org.citizenhub.mappings.utility.ServiceAddressParser;
import org.citizenhub.mappings.utility.UtilityAccount;
import org.citizenhub.mappings.utility.UtilityAccountMapper;
import org.citizenhub.sandbox.synthetic.PopulationGenerator;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.SyntheticViews;
import org.citizenhub.sandbox.synthetic.ViewFields;
import org.citizenhub.sandbox.synthetic.ViewRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The utility simulator over real HTTP, driven by the hub's own codecs, mapper and bill validator. */
class UtilitySimulatorTest {

    private static final Instant NOW = Instant.parse("2025-10-01T08:00:00Z");
    private static final YearMonth CURRENT = YearMonth.of(2025, 10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static SyntheticDataset dataset;
    private static UtilitySimulator simulator;

    @BeforeAll
    static void start() {
        dataset = SyntheticViews.generate(PopulationGenerator.generate(5L, 3_000), 5L,
                EnumSet.of(SourceSystem.ELECTRICITY, SourceSystem.WATER, SourceSystem.SANITATION), Map.of());
        simulator = UtilitySimulator.of(dataset, 0).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static UtilityCodec codec(SourceSystem provider) {
        return UtilityCodec.forProvider(provider, 4 * 1024 * 1024);
    }

    @ParameterizedTest
    @EnumSource(value = SourceSystem.class, names = {"ELECTRICITY", "WATER", "SANITATION"})
    void pagesThroughEveryAccountOnceAndMapsEach(SourceSystem provider) throws Exception {
        UtilityCodec codec = codec(provider);
        UtilityAccountMapper mapper = new UtilityAccountMapper();
        List<String> codes = new ArrayList<>();
        Optional<String> position = Optional.empty();
        int pages = 0;
        do {
            HttpResponse<byte[]> response = get(provider, codec.accountsPath() + "?" + codec.accountsQuery(position, 97));
            assertThat(response.statusCode()).isEqualTo(200);
            AccountPage page = codec.readAccounts(new ByteArrayInputStream(response.body()));
            assertThat(page.rejected()).isEmpty();
            for (UtilityAccount account : page.accounts()) {
                codes.add(mapper.map(account, NOW).account().customerCode());
            }
            position = page.next();
            pages++;
        } while (position.isPresent() && pages < 1_000);

        List<String> expected = dataset.view(provider).stream().map(ViewRecord::recordId).sorted().toList();
        assertThat(expected).hasSizeGreaterThan(200);
        assertThat(codes).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 96) / 97);
    }

    @Test
    void everyServiceAddressOfTheViewSplitsIntoWardAndCity() {
        for (SourceSystem provider : List.of(SourceSystem.ELECTRICITY, SourceSystem.WATER)) {
            for (ViewRecord account : dataset.view(provider)) {
                Address address = ServiceAddressParser.parse(account.field(ViewFields.Utility.SERVICE_ADDRESS));
                assertThat(address.ward()).as(account.recordId()).isNotEmpty();
                assertThat(address.city()).as(account.recordId()).isNotEmpty();
            }
        }
        assertThat(dataset.view(SourceSystem.ELECTRICITY)).as("pre-2025 addresses are common in utility data")
                .filteredOn(r -> ServiceAddressParser.parse(r.field(ViewFields.Utility.SERVICE_ADDRESS)).era() == Address.AdminEra.BEFORE_2025)
                .hasSizeGreaterThan(dataset.view(SourceSystem.ELECTRICITY).size() / 3);
    }

    @ParameterizedTest
    @EnumSource(value = SourceSystem.class, names = {"ELECTRICITY", "WATER", "SANITATION"})
    void servesTwelveMonthsOfPlausibleBillsPerAccount(SourceSystem provider) throws Exception {
        UtilityCodec codec = codec(provider);
        BillValidator validator = new BillValidator();
        for (ViewRecord account : dataset.view(provider).subList(0, 25)) {
            BillList bills = codec.readBills(account.recordId(),
                    new ByteArrayInputStream(get(provider, codec.billsPath(account.recordId())).body()));
            CheckedBills checked = validator.check(bills.bills(), CURRENT);
            assertThat(bills.rejected()).isEmpty();
            assertThat(checked.rejected()).isEmpty();
            assertThat(checked.accepted()).hasSize(12)
                    .allSatisfy(b -> assertThat(b.amountVnd()).isPositive())
                    .extracting(b -> b.period()).endsWith(YearMonth.of(2025, 9));
        }
        assertThat(get(provider, codec.billsPath("NO-SUCH-ACCOUNT")).statusCode()).isEqualTo(404);
    }

    @Test
    void negativeAndConflictingBillsReachTheValidatorAndAreRefused() throws Exception {
        String code = dataset.view(SourceSystem.ELECTRICITY).get(7).recordId();
        simulator.addBill(SourceSystem.ELECTRICITY, code, new SimulatedBill(YearMonth.of(2025, 9), new BigDecimal("10"),
                -1_000L, LocalDate.of(2025, 10, 15), false));
        UtilityCodec codec = codec(SourceSystem.ELECTRICITY);

        BillList bills = codec.readBills(code, new ByteArrayInputStream(get(SourceSystem.ELECTRICITY, codec.billsPath(code)).body()));
        CheckedBills checked = new BillValidator().check(bills.bills(), CURRENT);

        assertThat(checked.accepted()).hasSize(11);
        assertThat(checked.rejected()).extracting(RejectedBill::reason)
                .containsExactly("conflicting bills for the same account and period", "conflicting bills for the same account and period");
    }

    @ParameterizedTest
    @EnumSource(value = SourceSystem.class, names = {"ELECTRICITY", "WATER", "SANITATION"})
    void aContactUpdateSentTwiceWithTheSameRequestIdIsRecordedOnce(SourceSystem provider) throws Exception {
        UtilityCodec codec = codec(provider);
        String code = dataset.view(provider).get(1).recordId();
        AccountContactUpdate update = new AccountContactUpdate(
                AccountContactUpdate.requestIdFor(provider + ":" + code, "golden-9:v3"), code,
                "0905777666", "hung@example.vn", "12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng");
        byte[] body = codec.contactBody(update, ContactPolicy.defaultFor(provider)).orElseThrow();

        HttpResponse<byte[]> first = put(provider, codec.contactPath(code), codec.requestIdHeader(), update.requestId(), body);
        HttpResponse<byte[]> again = put(provider, codec.contactPath(code), codec.requestIdHeader(), update.requestId(), body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(text(again)).contains("already-applied");
        List<ReceivedContactUpdate> received = simulator.receivedContactUpdates(provider).stream()
                .filter(u -> u.customerCode().equals(code)).toList();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).requestId()).isEqualTo(update.requestId());
        assertThat(received.get(0).fields().keySet()).as("only the fields the policy allows, under the provider's names")
                .isEqualTo(switch (provider) {
                    case ELECTRICITY -> java.util.Set.of("soDienThoai", "email", "diaChiLienHe");
                    case WATER -> java.util.Set.of("phone", "mailingAddress");
                    default -> java.util.Set.of("phone");
                });
        assertThat(simulator.duplicateContactRequests(provider)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theNewPhoneShowsInTheNextSync() throws Exception {
        UtilityCodec codec = codec(SourceSystem.WATER);
        String code = dataset.view(SourceSystem.WATER).get(0).recordId();
        byte[] body = codec.contactBody(new AccountContactUpdate("req-sync", code, "0905123123", null, null),
                ContactPolicy.defaultFor(SourceSystem.WATER)).orElseThrow();
        assertThat(put(SourceSystem.WATER, codec.contactPath(code), codec.requestIdHeader(), "req-sync", body).statusCode()).isEqualTo(200);

        AccountPage page = codec.readAccounts(new ByteArrayInputStream(
                get(SourceSystem.WATER, codec.accountsPath() + "?" + codec.accountsQuery(Optional.empty(), 5)).body()));
        assertThat(page.accounts().get(0).customerCode()).isEqualTo(code);
        assertThat(page.accounts().get(0).phone()).isEqualTo("0905123123");
    }

    @Test
    void refusesFieldsAProviderDoesNotAcceptAndAppliesNothing() throws Exception {
        String code = dataset.view(SourceSystem.WATER).get(2).recordId();
        byte[] withEmail = "{\"phone\":\"0905111000\",\"email\":\"hung@example.vn\"}".getBytes(StandardCharsets.UTF_8);
        byte[] withName = "{\"phone\":\"0905111000\",\"customerName\":\"NGUYEN VAN HUNG\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> email = put(SourceSystem.WATER, "/accounts/" + code + "/contact", "Idempotency-Key", "req-email", withEmail);
        HttpResponse<byte[]> name = put(SourceSystem.WATER, "/accounts/" + code + "/contact", "Idempotency-Key", "req-name", withName);
        HttpResponse<byte[]> sanitationAddress = put(SourceSystem.SANITATION,
                "/accounts/" + dataset.view(SourceSystem.SANITATION).get(2).recordId() + "/contact", "Idempotency-Key", "req-addr",
                "{\"mailingAddress\":\"12 Lê Lợi\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(email.statusCode()).isEqualTo(422);
        assertThat(text(email)).contains("field not accepted: email");
        assertThat(name.statusCode()).isEqualTo(422);
        assertThat(text(name)).doesNotContain("NGUYEN");
        assertThat(sanitationAddress.statusCode()).isEqualTo(422);
        assertThat(simulator.receivedContactUpdates(SourceSystem.WATER)).noneMatch(u -> u.customerCode().equals(code));
        assertThat(simulator.contactOf(SourceSystem.WATER, code)).isEmpty();
        assertThat(simulator.refusedContactUpdates(SourceSystem.WATER)).contains("422 field not accepted: email");
    }

    @Test
    void refusesAReusedRequestIdAndAnUpdateWithoutOne() throws Exception {
        String code = dataset.view(SourceSystem.ELECTRICITY).get(3).recordId();
        String path = "/customers/" + code + "/contact";
        byte[] one = "{\"soDienThoai\":\"0905000001\"}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"soDienThoai\":\"0905000002\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(put(SourceSystem.ELECTRICITY, path, "X-Request-Id", "req-reused", one).statusCode()).isEqualTo(200);
        assertThat(put(SourceSystem.ELECTRICITY, path, "X-Request-Id", "req-reused", other).statusCode()).isEqualTo(409);
        assertThat(put(SourceSystem.ELECTRICITY, path, "Idempotency-Key", "req-wrong-header", other).statusCode()).isEqualTo(400);
        assertThat(put(SourceSystem.ELECTRICITY, path, "X-Request-Id", "req-not-json", "soDienThoai=1".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(400);
        assertThat(simulator.contactOf(SourceSystem.ELECTRICITY, code)).containsExactly(Map.entry("soDienThoai", "0905000001"));
    }

    @Test
    void aProviderMisbehavesAloneAndTheHubSeesClearErrors() throws Exception {
        UtilityCodec electricity = codec(SourceSystem.ELECTRICITY);
        UtilityCodec water = codec(SourceSystem.WATER);
        String firstPage = "?" + water.accountsQuery(Optional.empty(), 10);
        try {
            assertThat(admin("/admin/fault?provider=water&mode=unavailable").statusCode()).isEqualTo(200);
            assertThat(get(SourceSystem.WATER, water.accountsPath() + firstPage).statusCode()).isEqualTo(503);
            assertThat(get(SourceSystem.ELECTRICITY, electricity.accountsPath() + "?" + electricity.accountsQuery(Optional.empty(), 10))
                    .statusCode()).as("the other providers keep serving").isEqualTo(200);

            simulator.setFault(SourceSystem.WATER, UtilitySimulator.Fault.GARBAGE, Duration.ZERO);
            simulator.setFault(SourceSystem.ELECTRICITY, UtilitySimulator.Fault.GARBAGE, Duration.ZERO);
            HttpResponse<byte[]> truncated = get(SourceSystem.WATER, water.accountsPath() + firstPage);
            HttpResponse<byte[]> html = get(SourceSystem.ELECTRICITY, electricity.accountsPath() + "?page=0&size=10");
            assertThat(truncated.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> water.readAccounts(new ByteArrayInputStream(truncated.body())))
                    .isInstanceOf(MalformedPayloadException.class).hasMessageStartingWith("water message is not valid JSON");
            assertThatThrownBy(() -> electricity.readAccounts(new ByteArrayInputStream(html.body())))
                    .isInstanceOf(MalformedPayloadException.class).hasMessageStartingWith("electricity message is not valid JSON");
        } finally {
            admin("/admin/fault?provider=water&mode=none");
            admin("/admin/fault?provider=electricity&mode=none");
        }
        assertThat(get(SourceSystem.WATER, water.accountsPath() + firstPage).statusCode()).isEqualTo(200);
        assertThat(admin("/admin/fault?provider=health&mode=slow").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesBadPagingParameters() throws Exception {
        assertThat(get(SourceSystem.ELECTRICITY, "/customers?page=0&size=5000").statusCode()).isEqualTo(400);
        assertThat(get(SourceSystem.ELECTRICITY, "/customers?page=-1&size=10").statusCode()).isEqualTo(400);
        assertThat(get(SourceSystem.WATER, "/accounts?limit=10&cursor=***").statusCode()).isEqualTo(400);
        assertThat(get(SourceSystem.WATER, "/nothing-here").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<byte[]> get(SourceSystem provider, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl(provider) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> put(SourceSystem provider, String path, String header, String requestId, byte[] body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl(provider) + path))
                .header("Content-Type", "application/json").header(header, requestId)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> admin(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
