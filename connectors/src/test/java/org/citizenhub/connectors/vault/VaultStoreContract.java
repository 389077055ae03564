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
    /** What the identity step decides for the next non-authoritative record (a test double of identity resolution). */
    private CitizenLinker.Decision nextDecision = CitizenLinker.Decision.newCitizen();
    private final List<String> told = new ArrayList<>();
    private final List<String> staged = new ArrayList<>();
    private int transactionsEnded;
    private SurvivorshipRules rulesInForce = SurvivorshipRules.defaults();
    private TransactionTemplate outer;
    private NamedParameterJdbcTemplate jdbc;
    private final CitizenLinker linker = new CitizenLinker() {
        @Override
        public Decision decide(CitizenRecord record) {
            return nextDecision;
        }

        @Override
        public void staged(CitizenRecord record, String citizenId) {
            staged.add(record.sourceRef().key() + "->" + citizenId);
        }

        @Override
        public void linked(CitizenRecord record, String citizenId) {
            told.add(record.sourceRef().key() + "->" + citizenId);
        }

        @Override
        public void transactionEnded() {
            transactionsEnded++;
        }
    };

    /** A fresh, empty database for each test. */
    protected abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        DataSource db = freshDatabase();
        Flyway.configure().dataSource(db).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(db).load().migrate();
        outer = new TransactionTemplate(new DataSourceTransactionManager(db));
        jdbc = new NamedParameterJdbcTemplate(db);
        vault = new VaultStore(jdbc, outer,
                new GoldenRecordBuilder(() -> rulesInForce), Clock.fixed(T0, ZoneOffset.UTC), linker);
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

    static CitizenRecord water(String customer, String personalId) {
        return new CitizenRecord(new Provenance(SourceSystem.WATER, customer, T0), personalId, null,
                new PersonName("NGUYEN", "VAN", "HUNG"), PartialDate.parse("1990-05-12"), Sex.MALE, null, null, null,
                null, "0935000111", "hung@example.vn", null);
    }

    @Test
    void neverLinksAnotherSystemOnItsPersonalIdAlone() {
        vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0))));

        vault.upsert(List.of(mapped(water("KH-001", "048090001234"))));

        assertThat(vault.citizenCount()).isEqualTo(2);
        // the water company's copy of the number is not a key: the registry's citizen keeps it
        assertThat(vault.findByPersonalId("048090001234").orElseThrow().sourceRecords()).hasSize(1);
    }

    @Test
    void linksWhereIdentityResolutionSaysSoAndKeepsTheRegistrysValues() {
        String citizen = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)))).get(0).golden().citizenId();
        nextDecision = CitizenLinker.Decision.link(citizen, 0.999, "{}");

        List<VaultChange> changes = vault.upsert(List.of(mapped(water("KH-001", null))));

        assertThat(vault.citizenCount()).isEqualTo(1);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.changedFields()).containsExactly(CitizenField.EMAIL);
            assertThat(c.golden().sourceRecords()).hasSize(2);
            assertThat(c.golden().name().value().family()).isEqualTo("Nguyễn");
            assertThat(c.golden().email().provenance().sourceSystem()).isEqualTo(SourceSystem.WATER);
        });
        assertThat(told).contains("WATER:KH-001->" + citizen);
        assertThat(vault.linkHistory("WATER:KH-001")).extracting(LinkEvent::reason).containsExactly("LINKED");
    }

    static CitizenRecord electricity(String customer, String phone, String email, Instant at) {
        return new CitizenRecord(new Provenance(SourceSystem.ELECTRICITY, customer, at), null, null,
                new PersonName("NGUYEN", "VAN", "HUNG"), null, null, null, null, null, null, phone, email, null);
    }

    private String survivorsColumn(String citizenId) {
        return jdbc.queryForObject("SELECT survivors FROM citizen WHERE citizen_id = :id", java.util.Map.of("id", citizenId),
                String.class);
    }

    @Test
    void aRecordRankedBelowEverySurvivorJoinsWithoutANewVersion() {
        String citizen = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)))).get(0).golden().citizenId();
        var before = vault.findById(citizen).orElseThrow();
        nextDecision = CitizenLinker.Decision.link(citizen, 0.999, "{}");

        // name and phone: the registry's survive; nothing else in the record
        List<VaultChange> changes = vault.upsert(List.of(mapped(electricity("PE-001", "0935000111", null, T0))));

        assertThat(changes).isEmpty();
        var after = vault.findById(citizen).orElseThrow();
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.name()).isEqualTo(before.name());
        assertThat(after.phone()).isEqualTo(before.phone());
        assertThat(after.sourceRecords()).extracting(org.citizenhub.mappings.citizen.SourceRef::key)
                .containsExactly("ELECTRICITY:PE-001", "POPULATION:048090001234");
        assertThat(vault.sourceRecordsOf(citizen)).hasSize(2);
        assertThat(vault.linkHistory("ELECTRICITY:PE-001")).extracting(LinkEvent::reason).containsExactly("LINKED");
        assertThat(told).contains("ELECTRICITY:PE-001->" + citizen);
        // and a rebuild from all the records agrees with what was kept
        assertThat(vault.recomputeSurvivorship(List.of(citizen), rulesInForce, false).changes()).isEmpty();
    }

    @Test
    void aRecordThatTiesWithASurvivorOrFillsAnEmptyFieldRebuildsTheGoldenRecord() {
        String citizen = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)))).get(0).golden().citizenId();
        nextDecision = CitizenLinker.Decision.link(citizen, 0.999, "{}");

        // the registry has no e-mail address: the electricity company's fills it
        assertThat(vault.upsert(List.of(mapped(electricity("PE-001", null, "old@example.vn", T0)))))
                .singleElement().satisfies(c -> assertThat(c.changedFields()).containsExactly(CitizenField.EMAIL));
        assertThat(survivorsColumn(citizen)).contains("EMAIL=ELECTRICITY");

        // a second electricity account ranks as high as the first for e-mail: the newer one wins the tie
        assertThat(vault.upsert(List.of(mapped(electricity("PE-002", null, "new@example.vn", T0.plusSeconds(60))))))
                .singleElement().satisfies(c -> {
            assertThat(c.changedFields()).containsExactly(CitizenField.EMAIL);
            assertThat(c.golden().email().value()).isEqualTo("new@example.vn");
            assertThat(c.golden().sourceRecords()).hasSize(3);
        });
    }

    @Test
    void aGoldenRecordStoredBeforeSurvivorsWereKeptIsRebuiltOnItsNextWrite() {
        String citizen = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)))).get(0).golden().citizenId();
        jdbc.update("UPDATE citizen SET survivors = NULL, household_id = NULL WHERE citizen_id = :id", java.util.Map.of("id", citizen));
        nextDecision = CitizenLinker.Decision.link(citizen, 0.999, "{}");

        assertThat(vault.upsert(List.of(mapped(electricity("PE-001", "0935000111", null, T0))))).isEmpty();

        assertThat(survivorsColumn(citizen)).contains("NAME=POPULATION", "PHONE=POPULATION").doesNotContain("ELECTRICITY");
        assertThat(vault.findById(citizen).orElseThrow().sourceRecords()).hasSize(2);
    }

    @Test
    void parksAnUncertainLinkForReviewThenMergesAndUnmerges() {
        String citizen = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)))).get(0).golden().citizenId();
        nextDecision = CitizenLinker.Decision.review(citizen, 0.7, "{\"evidence\":[]}");

        vault.upsert(List.of(mapped(water("KH-002", null))));

        assertThat(vault.citizenCount()).isEqualTo(2);
        ReviewItem review = vault.openReviews(10).get(0);
        assertThat(review.candidateCitizenId()).isEqualTo(citizen);
        assertThat(review.sourceKey()).isEqualTo("WATER:KH-002");

        assertThat(vault.acceptReview(review.id())).hasValueSatisfying(changes ->
                assertThat(changes).anySatisfy(c -> assertThat(c.golden().citizenId()).isEqualTo(citizen)));
        assertThat(vault.citizenCount()).isEqualTo(1);
        assertThat(vault.openReviews(10)).isEmpty();
        assertThat(vault.acceptReview(review.id())).isEmpty();
        assertThat(vault.findById(citizen).orElseThrow().sourceRecords()).hasSize(2);

        List<VaultChange> split = vault.unmerge("WATER:KH-002");

        assertThat(vault.citizenCount()).isEqualTo(2);
        assertThat(vault.findById(citizen).orElseThrow().sourceRecords()).hasSize(1);
        assertThat(split).anySatisfy(c -> assertThat(c.created()).isTrue());
        assertThat(vault.linkHistory("WATER:KH-002")).extracting(LinkEvent::reason)
                .containsExactly("REVIEW", "MERGED", "UNMERGED");
    }

    @Test
    void aRejectedReviewKeepsTheRecordsApart() {
        String citizen = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)))).get(0).golden().citizenId();
        nextDecision = CitizenLinker.Decision.review(citizen, 0.7, "{}");
        vault.upsert(List.of(mapped(water("KH-003", null))));
        long id = vault.openReviews(10).get(0).id();

        assertThat(vault.rejectReview(id)).isTrue();

        assertThat(vault.citizenCount()).isEqualTo(2);
        assertThat(vault.openReviews(10)).isEmpty();
        assertThat(vault.rejectReview(id)).isFalse();
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

    @Test
    void theLinkerIsToldOnlyAfterCommitAndNothingWhenTheTransactionRollsBack() {
        outer.executeWithoutResult(status -> {
            vault.upsert(List.of(mapped(water("KH-010", null))));
            assertThat(staged).singleElement().asString().startsWith("WATER:KH-010->");
            assertThat(told).as("not before commit").isEmpty();
            status.setRollbackOnly();
        });

        assertThat(told).isEmpty();
        assertThat(transactionsEnded).isEqualTo(1);
        assertThat(vault.sourceRecordCount()).isZero();

        vault.upsert(List.of(mapped(water("KH-010", null))));

        assertThat(told).singleElement().asString().startsWith("WATER:KH-010->");
        assertThat(transactionsEnded).isEqualTo(2);
    }

    @Test
    void aNewerVersionOfAKnownRecordAndARejectedReviewAreToldAfterCommit() {
        String citizen = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)))).get(0).golden().citizenId();
        vault.upsert(List.of(mapped(population("048090001234", "Bạch Đằng", T0))));
        assertThat(told).containsExactly("POPULATION:048090001234->" + citizen, "POPULATION:048090001234->" + citizen);

        nextDecision = CitizenLinker.Decision.review(citizen, 0.7, "{}");
        vault.upsert(List.of(mapped(water("KH-011", null))));
        String provisional = vault.openReviews(10).get(0).provisionalCitizenId();
        told.clear();
        vault.rejectReview(vault.openReviews(10).get(0).id());

        assertThat(told).containsExactly("WATER:KH-011->" + provisional);
    }

    @Test
    void countsLinksReviewsAndNewCitizensPerSystemFromTheVault() {
        String citizen = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)),
                mapped(population("048090001235", "Trần Phú", T0)))).get(0).golden().citizenId();
        nextDecision = CitizenLinker.Decision.link(citizen, 0.99, "{}");
        vault.upsert(List.of(mapped(water("KH-020", null))));
        nextDecision = CitizenLinker.Decision.review(citizen, 0.7, "{}");
        vault.upsert(List.of(mapped(water("KH-021", null))));
        nextDecision = CitizenLinker.Decision.newCitizen();
        vault.upsert(List.of(mapped(water("KH-022", null)), mapped(water("KH-023", null))));

        assertThat(vault.linkHistory("WATER:KH-022")).extracting(LinkEvent::reason).containsExactly("NEW");
        assertThat(vault.linkCounts()).containsExactlyInAnyOrder(
                new VaultStore.LinkCounts(SourceSystem.POPULATION, 2, 0, 0, 2, 0),
                new VaultStore.LinkCounts(SourceSystem.WATER, 4, 1, 1, 2, 1));
    }

    @Test
    void recomputesSurvivorshipUnderOtherRulesDryOrForReal() {
        String citizen = vault.upsert(List.of(mapped(population("048090001234", "Lê Duẩn", T0)))).get(0).golden().citizenId();
        nextDecision = CitizenLinker.Decision.link(citizen, 0.99, "{}");
        vault.upsert(List.of(mapped(water("KH-030", null))));
        var before = vault.findById(citizen).orElseThrow();
        assertThat(before.phone().provenance().sourceSystem()).isEqualTo(SourceSystem.POPULATION);
        SurvivorshipRules waterFirst = SurvivorshipRules.parse(new java.io.StringReader(
                "default: [POPULATION]\nfields:\n  PHONE: [WATER, POPULATION]\n"), "test");
        List<String> ids = vault.citizenIdsAfter(null, 10);

        var dry = vault.recomputeSurvivorship(ids, waterFirst, false);

        assertThat(dry.citizens()).isEqualTo(1);
        assertThat(dry.changes()).containsExactly(new VaultStore.SurvivorshipChange(citizen, CitizenField.PHONE,
                SourceSystem.POPULATION, SourceSystem.WATER, true));
        assertThat(dry.applied()).isEmpty();
        assertThat(vault.findById(citizen)).contains(before);
        assertThat(vault.recomputeSurvivorship(ids, SurvivorshipRules.defaults(), false).changes()).isEmpty();

        rulesInForce = waterFirst;
        var real = vault.recomputeSurvivorship(ids, waterFirst, true);

        assertThat(real.applied()).singleElement().satisfies(c -> {
            assertThat(c.changedFields()).containsExactly(CitizenField.PHONE);
            assertThat(c.golden().version()).isEqualTo(before.version() + 1);
        });
        var after = vault.findById(citizen).orElseThrow();
        assertThat(after.phone().provenance().sourceSystem()).isEqualTo(SourceSystem.WATER);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(vault.recomputeSurvivorship(ids, waterFirst, false).changes()).isEmpty();
        assertThat(vault.citizenIdsAfter(citizen, 10)).isEmpty();
    }
}
