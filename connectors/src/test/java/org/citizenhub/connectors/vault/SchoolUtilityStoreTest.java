package org.citizenhub.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.citizenhub.connectors.vault.SchoolUtilityStore.BillsWritten;
import org.citizenhub.connectors.vault.SchoolUtilityStore.SentContactUpdate;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenRecordBuilder;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.SurvivorshipRules;
import org.citizenhub.mappings.school.SchoolLevel;
import org.citizenhub.mappings.school.SchoolResult;
import org.citizenhub.mappings.school.SchoolYear;
import org.citizenhub.mappings.utility.Bill;
import org.citizenhub.mappings.utility.RejectedBill;
import org.citizenhub.mappings.utility.ServiceAccount;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the school and utility part of the vault keeps, on the embedded database. */
class SchoolUtilityStoreTest {

    private static final Instant T0 = Instant.parse("2025-10-01T00:00:00Z");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private SchoolUtilityStore store;
    private VaultStore vault;
    private NamedParameterJdbcTemplate jdbc;

    @BeforeEach
    void migrate() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:school-utility" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).load().migrate();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        jdbc = new NamedParameterJdbcTemplate(db);
        store = new SchoolUtilityStore(jdbc, clock);
        vault = new VaultStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)),
                new GoldenRecordBuilder(SurvivorshipRules.defaults()), clock, CitizenLinker.NONE);
    }

    private static Bill bill(int month, long amount, boolean paid) {
        YearMonth period = YearMonth.of(2025, month);
        return new Bill(SourceSystem.WATER, "DNW00000042", period, new BigDecimal("12.5"), amount, period.plusMonths(1).atDay(20), paid);
    }

    @Test
    void keepsBillsByKeyWritesOnlyWhatChangedAndForgetsBillsNowRefused() {
        BillsWritten first = store.saveBills(SourceSystem.WATER, "DNW00000042",
                List.of(bill(7, 100_000, true), bill(8, 110_000, false), bill(9, 120_000, false)), List.of());
        BillsWritten again = store.saveBills(SourceSystem.WATER, "DNW00000042",
                List.of(bill(7, 100_000, true), bill(8, 110_000, true)),
                List.of(new RejectedBill("WATER:DNW00000042:2025-09", "conflicting bills for the same account and period"),
                        new RejectedBill("WATER:DNW00000042:2025-10", "amountVnd is negative")));

        assertThat(first).isEqualTo(new BillsWritten(3, 0, 0));
        assertThat(again).isEqualTo(new BillsWritten(1, 1, 2));
        assertThat(store.billsOf(SourceSystem.WATER, "DNW00000042")).containsExactly(bill(7, 100_000, true), bill(8, 110_000, true));
        assertThat(store.refusalsOf(SourceSystem.WATER, "DNW00000042")).extracting(RejectedBill::reason)
                .containsExactly("conflicting bills for the same account and period", "amountVnd is negative");

        store.saveBills(SourceSystem.WATER, "DNW00000042", List.of(bill(9, 120_000, false)), List.of());
        assertThat(store.refusalsOf(SourceSystem.WATER, "DNW00000042")).as("refusals are those of the latest sync").isEmpty();
        assertThat(store.billCount(SourceSystem.WATER)).isEqualTo(3);
    }

    @Test
    void listsTheAccountsOfTheCitizenTheHolderIsLinkedTo() {
        CitizenRecord holder = new CitizenRecord(new Provenance(SourceSystem.WATER, "DNW00000042", T0), "048090001234", null,
                PersonName.parseFamilyFirst("NGUYEN VAN HUNG"), null, null, null, null, null, null, "0905123456", null, null);
        String citizenId = vault.upsert(List.of(new Mapped(holder, List.of()))).get(0).golden().citizenId();
        ServiceAccount account = new ServiceAccount(SourceSystem.WATER, "DNW00000042", "12 Lê Lợi, P. Thạch Thang, Q. Hải Châu");

        store.saveAccounts(List.of(account));
        store.saveAccounts(List.of(account));

        assertThat(store.accountsOf(citizenId)).containsExactly(account);
        assertThat(store.customerCodes(SourceSystem.WATER)).containsExactly("DNW00000042");
        assertThat(store.accountsLinkedToResidents(SourceSystem.WATER)).as("no population record: not a registered resident").isZero();
    }

    @Test
    void findsTheHouseholdOfALinkedCitizenAlsoInGoldenRecordsWrittenBeforeItHadAColumn() {
        CitizenRecord registered = new CitizenRecord(new Provenance(SourceSystem.POPULATION, "048090001234", T0), "048090001234",
                null, PersonName.parseFamilyFirst("Nguyễn Văn Hùng"), org.citizenhub.mappings.citizen.PartialDate.parse("1990-05-12"),
                org.citizenhub.mappings.citizen.Sex.MALE, null, null, null,
                new org.citizenhub.mappings.citizen.HouseholdMembership("HH-0042", org.citizenhub.mappings.citizen.Relation.HEAD),
                null, null, null);
        String citizenId = vault.upsert(List.of(new Mapped(registered, List.of()))).get(0).golden().citizenId();

        assertThat(store.linkedCitizensOf(List.of("POPULATION:048090001234")))
                .containsEntry("POPULATION:048090001234", new SchoolUtilityStore.LinkedCitizen(citizenId, "HH-0042", true));

        jdbc.update("UPDATE citizen SET survivors = NULL, household_id = NULL", java.util.Map.of());
        assertThat(store.linkedCitizensOf(List.of("POPULATION:048090001234", "SCHOOL:unknown")))
                .containsOnlyKeys("POPULATION:048090001234")
                .containsEntry("POPULATION:048090001234", new SchoolUtilityStore.LinkedCitizen(citizenId, "HH-0042", true));
    }

    @Test
    void aLaterRowWithTheSameKeySupersedesTheEarlierOne() {
        SchoolResult first = new SchoolResult("4800000123", "Trường THCS Nguyễn Du", SchoolLevel.LOWER_SECONDARY, "8/2",
                new SchoolYear(2025), new BigDecimal("7.5"), null);
        SchoolResult corrected = new SchoolResult("4800000123", "Trường THCS Nguyễn Du", SchoolLevel.LOWER_SECONDARY, "8/3",
                new SchoolYear(2025), new BigDecimal("7.8"), null);

        store.saveSchoolResults(List.of(first), "SCHOOL-FILE:aaa");
        store.saveSchoolResults(List.of(corrected), "SCHOOL-FILE:bbb");

        assertThat(store.schoolResultCount()).isEqualTo(1);
        assertThat(store.schoolResult("2025-2026/4800000123")).hasValueSatisfying(stored -> {
            assertThat(stored.result()).isEqualTo(corrected);
            assertThat(stored.deliveryKey()).isEqualTo("SCHOOL-FILE:bbb");
        });
    }

    @Test
    void remembersConfirmedContactUpdatesOnceAndWhatLaterChangesCarried() {
        SentContactUpdate v3 = new SentContactUpdate("req-3", SourceSystem.ELECTRICITY, "PC0500000001", "c-1", 3,
                Set.of("ADDRESS", "PHONE"), 200);

        store.recordSent(v3);
        store.recordSent(v3);

        assertThat(store.isSent("req-3")).isTrue();
        assertThat(store.sentCount(SourceSystem.ELECTRICITY)).isEqualTo(1);
        assertThat(store.fieldsSentForLaterVersions(SourceSystem.ELECTRICITY, "PC0500000001", "c-1", 2))
                .containsExactlyInAnyOrder("ADDRESS", "PHONE");
        assertThat(store.fieldsSentForLaterVersions(SourceSystem.ELECTRICITY, "PC0500000001", "c-1", 3)).isEmpty();
    }
}
