package org.citizenhub.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.GoldenRecordBuilder;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.SurvivorshipRules;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the vault guarantees, run against every database it supports (H2 and PostgreSQL). */
abstract class VaultStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected VaultStore vault;

    /** A fresh, empty database for each test. */
    protected abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        DataSource db = freshDatabase();
        Flyway.configure().dataSource(db).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(db).load().migrate();
        vault = new VaultStore(new NamedParameterJdbcTemplate(db),
                new TransactionTemplate(new DataSourceTransactionManager(db)),
                new GoldenRecordBuilder(SurvivorshipRules.defaults()), Clock.fixed(T0, ZoneOffset.UTC));
    }

    static CitizenRecord population(String id, String street, Instant at) {
        return new CitizenRecord(new Provenance(SourceSystem.POPULATION, id, at), id, null,
                new PersonName("Nguyễn", "Văn", "Hùng"), PartialDate.parse("1990-05-12"), Sex.MALE, "Quảng Nam",
                new Address("12", street, "Phường Hải Châu", "20305", "", "Thành phố Đà Nẵng", null),
                null, null, "0905123456", null, null);
    }

    static Mapped mapped(CitizenRecord r) {
        return new Mapped(r, List.of());
    }

    @Test
    void createsOneGoldenRecordPerPersonAndFindsItById() {
        List<VaultChange> changes = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)),
                mapped(population("048090001235", "Trần Phú", T0))));

        assertThat(changes).hasSize(2).allSatisfy(c -> {
            assertThat(c.created()).isTrue();
            assertThat(c.golden().version()).isEqualTo(1);
        });
        assertThat(vault.citizenCount()).isEqualTo(2);
        var golden = vault.findByPersonalId("048 090 001 234").orElseThrow();
        assertThat(golden.permanentAddress().value().street()).isEqualTo("Lê Duẩn");
        assertThat(golden.permanentAddress().provenance().retrievedAt()).isEqualTo(T0);
        assertThat(vault.findById(golden.citizenId())).contains(golden);
        assertThat(vault.sourceRecordsOf(golden.citizenId())).containsExactly(population("048090001234", "Lê Duẩn", T0));
    }

    @Test
    void rereadingUnchangedDataChangesNothing() {
        vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0))));

        List<VaultChange> again = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0.plusSeconds(60)))));

        assertThat(again).isEmpty();
        assertThat(vault.findByPersonalId("048090001234").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aChangedSourceRecordBumpsTheVersionAndNamesTheField() {
        vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0))));

        List<VaultChange> moved = vault.upsert(List.of(mapped(population("048090001234", "Bạch Đằng", T0.plusSeconds(60)))));

        assertThat(moved).singleElement().satisfies(c -> {
            assertThat(c.created()).isFalse();
            assertThat(c.changedFields()).containsExactly(CitizenField.PERMANENT_ADDRESS);
            assertThat(c.golden().version()).isEqualTo(2);
        });
    }

    @Test
    void linksASecondSourceWithTheSameValidIdToTheSameCitizen() {
        vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0))));
        CitizenRecord water = new CitizenRecord(new Provenance(SourceSystem.WATER, "KH-001", T0), "048090001234", null,
                new PersonName("NGUYEN", "VAN", "HUNG"), PartialDate.parse("1990-05-12"), Sex.MALE, null, null, null,
                null, "0935000111", "hung@example.vn", null);

        List<VaultChange> changes = vault.upsert(List.of(mapped(water)));

        assertThat(vault.citizenCount()).isEqualTo(1);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.changedFields()).containsExactly(CitizenField.EMAIL);
            assertThat(c.golden().sourceRecords()).hasSize(2);
            assertThat(c.golden().name().value().family()).isEqualTo("Nguyễn");
            assertThat(c.golden().email().provenance().sourceSystem()).isEqualTo(SourceSystem.WATER);
        });
    }

    @Test
    void appliesAChangeKeyOnlyOnce() {
        vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0))));
        List<Mapped> move = List.of(mapped(population("048090001234", "Bạch Đằng", T0)));

        assertThat(vault.applyOnce("POPULATION:7", move)).hasValueSatisfying(c -> assertThat(c).hasSize(1));
        assertThat(vault.applyOnce("POPULATION:7", List.of(mapped(population("048090001234", "Trần Phú", T0))))).isEmpty();

        assertThat(vault.findByPersonalId("048090001234").orElseThrow().permanentAddress().value().street()).isEqualTo("Bạch Đằng");
        assertThat(vault.isApplied("POPULATION:7")).isTrue();
    }

    @Test
    void keepsFindingsPerSourceRecordAndReplacesThemOnReread() {
        var finding = new DataQualityFinding(DataQualityFinding.Code.ID_BIRTH_YEAR_MISMATCH, "personalId", "birth year disagrees");
        CitizenRecord r = population("048091001234", "Lê Duẩn", T0);
        vault.upsert(List.of(new Mapped(r, List.of(finding))));
        assertThat(vault.findingsOf(r.sourceRef())).containsExactly(finding);

        vault.upsert(List.of(mapped(population("048091001234", "Trần Phú", T0))));

        assertThat(vault.findingsOf(r.sourceRef())).isEmpty();
    }

    @Test
    void storesAndMovesWatermarks() {
        assertThat(vault.watermark("population.change-feed.sequence")).isEmpty();
        vault.saveWatermark("population.change-feed.sequence", "10");
        vault.saveWatermark("population.change-feed.sequence", "12");
        assertThat(vault.watermark("population.change-feed.sequence")).contains("12");
    }

    @Test
    void upsertsLargeBatches() {
        List<Mapped> batch = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            batch.add(mapped(population(String.format("048090%06d", i), "Lê Duẩn", T0)));
        }
        assertThat(vault.upsert(batch)).hasSize(2_500);
        assertThat(vault.citizenCount()).isEqualTo(2_500);
        assertThat(vault.sourceRecordCount()).isEqualTo(2_500);
    }
}
