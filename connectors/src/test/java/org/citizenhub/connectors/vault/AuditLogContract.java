package org.citizenhub.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.citizenhub.connectors.vault.AuditLog.AuditEntry;
import org.citizenhub.connectors.vault.AuditLog.AuditVerification;
import org.citizenhub.connectors.vault.AuditLog.Disclosure;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access log's chain on every database the vault supports: intact after appends, also concurrent
 * ones from several hub instances; every kind of tampering found at the right entry.
 */
abstract class AuditLogContract {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

    @TempDir Path auditDir;
    protected DataSource db;
    protected JdbcTemplate sql;
    private AuditCheckpoints checkpoints;
    private AuditLog log;

    protected abstract DataSource freshDatabase();

    /** Lets the test tamper with the table as an attacker with the table owner's rights would (PostgreSQL: disable the trigger). */
    protected void allowTampering() {
    }

    @BeforeEach
    void freshLog() {
        db = freshDatabase();
        sql = new JdbcTemplate(db);
        checkpoints = AuditCheckpoints.writable(auditDir, auditDir.resolve(AuditCheckpoints.KEY_FILE_NAME), Clock.systemUTC());
        log = newHub(checkpoints);
    }

    private AuditLog newHub(AuditCheckpoints checkpoints) {
        return new AuditLog(new NamedParameterJdbcTemplate(db), new TransactionTemplate(new DataSourceTransactionManager(db)),
                Clock.fixed(T0, ZoneOffset.UTC), checkpoints);
    }

    static Disclosure disclosure(int i) {
        return new Disclosure("social-insurance", "benefit-claim", "citizen-" + (i % 7),
                EnumSet.of(DataCategory.IDENTITY, i % 2 == 0 ? DataCategory.ADDRESS : DataCategory.HOUSEHOLD),
                "consent", i % 3 == 0 ? "REST" : "JMS", i % 5 == 0 ? null : "request-" + i);
    }

    private void append(int n) {
        for (int i = 1; i <= n; i++) {
            log.record(disclosure(i));
        }
    }

    @Test
    void anAppendedChainIsIntactAndLinked() {
        AuditEntry first = log.record(disclosure(1));
        append(39);

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditLog.GENESIS);
        assertThat(first.recordedAt()).isEqualTo(T0);
        AuditVerification verdict = log.verify();
        assertThat(verdict.intact()).as(verdict.reason()).isTrue();
        assertThat(verdict.checked()).isEqualTo(40);
        assertThat(verdict.firstBadSequence()).isNull();

        List<AuditEntry> citizen3 = log.forCitizen("citizen-3");
        assertThat(citizen3).extracting(AuditEntry::sequence).containsExactly(4L, 11L, 18L, 25L, 32L, 39L);
        assertThat(citizen3.get(0).disclosure()).isEqualTo(disclosure(3));
        assertThat(citizen3.get(0).recordedAt()).isEqualTo(T0);
        assertThat(log.forCitizen("nobody")).isEmpty();
        assertThat(log.readHead()).hasValueSatisfying(h -> assertThat(h.sequence()).isEqualTo(40));
    }

    @Test
    void concurrentAppendsFromTwoHubInstancesNeverFork() throws Exception {
        AuditLog otherHub = newHub(null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<List<AuditEntry>>> calls = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            AuditLog hub = t % 2 == 0 ? log : otherHub;
            int thread = t;
            calls.add(() -> {
                List<AuditEntry> mine = new ArrayList<>();
                for (int i = 0; i < 150; i++) {
                    mine.add(hub.record(new Disclosure("a", "p", "c", Set.of(DataCategory.IDENTITY), "consent", "JMS",
                            thread + "-" + i)));
                }
                return mine;
            });
        }
        Set<Long> sequences = new HashSet<>();
        try {
            for (Future<List<AuditEntry>> f : pool.invokeAll(calls)) {
                f.get().forEach(e -> sequences.add(e.sequence()));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sequences).hasSize(1200);
        AuditVerification verdict = log.verify();
        assertThat(verdict.intact()).as(verdict.reason()).isTrue();
        assertThat(verdict.checked()).isEqualTo(1200);
        assertThat(sql.queryForObject("SELECT COUNT(DISTINCT request_id) FROM audit_entry", Integer.class)).isEqualTo(1200);
        assertThat(sql.queryForObject("SELECT MAX(sequence) FROM audit_entry", Long.class)).isEqualTo(1200L);
    }

    @Test
    void aHubThatDidNotSeeTheOtherHubsAppendsChainsAfterThem() {
        AuditLog otherHub = newHub(null);
        log.record(disclosure(1));
        otherHub.record(disclosure(2));

        AuditEntry third = log.record(disclosure(3));

        assertThat(third.sequence()).isEqualTo(3);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void findsAnAlteredField() {
        append(30);
        allowTampering();
        sql.update("UPDATE audit_entry SET purpose = 'marketing' WHERE sequence = 17");

        assertBad(log.verify(), 17, 16, "altered");
    }

    @Test
    void findsReorderedCategoriesAndAMovedTime() {
        append(30);
        allowTampering();
        sql.update("UPDATE audit_entry SET categories = 'IDENTITY,ADDRESS' WHERE sequence = 4");
        assertBad(log.verify(), 4, 3, "altered");

        sql.update("UPDATE audit_entry SET categories = 'ADDRESS,IDENTITY' WHERE sequence = 4");
        sql.update("UPDATE audit_entry SET recorded_at = ? WHERE sequence = 9", OffsetDateTime.ofInstant(T0.plusSeconds(1), ZoneOffset.UTC));
        assertBad(log.verify(), 9, 8, "altered");
    }

    @Test
    void findsADeletedEntryInTheMiddle() {
        append(30);
        allowTampering();
        sql.update("DELETE FROM audit_entry WHERE sequence = 20");

        assertBad(log.verify(), 20, 19, "missing");
    }

    @Test
    void findsADeletedTailThroughTheSignedCheckpoint() {
        append(30);
        assertThat(log.checkpoint()).isTrue();
        assertThat(log.checkpoint()).as("nothing new to checkpoint").isFalse();
        allowTampering();
        sql.update("DELETE FROM audit_entry WHERE sequence > 27");

        assertBad(log.verify(), 28, 27, "deleted");
        assertThat(newHub(null).verify().intact()).as("without checkpoints a cut tail looks intact").isTrue();
    }

    @Test
    void findsTwoEntriesWhoseContentWasSwapped() {
        append(30);
        allowTampering();
        List<Map<String, Object>> rows = sql.queryForList(
                "SELECT recorded_at, agency, purpose, citizen_id, categories, legal_basis, channel, request_id, previous_hash, hash "
                        + "FROM audit_entry WHERE sequence IN (10, 14) ORDER BY sequence");
        for (int i = 0; i < 2; i++) {
            Map<String, Object> r = rows.get(1 - i);
            sql.update("UPDATE audit_entry SET recorded_at = ?, agency = ?, purpose = ?, citizen_id = ?, categories = ?, "
                            + "legal_basis = ?, channel = ?, request_id = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
                    r.get("recorded_at"), r.get("agency"), r.get("purpose"), r.get("citizen_id"), r.get("categories"),
                    r.get("legal_basis"), r.get("channel"), r.get("request_id"),
                    i == 0 ? "x" + i : r.get("previous_hash"), r.get("hash"), i == 0 ? 10 : 14);
        }
        // the first row got a placeholder previous hash so the unique constraint lets the swap through; set the real one
        sql.update("UPDATE audit_entry SET previous_hash = ? WHERE sequence = 10", rows.get(1).get("previous_hash"));

        assertBad(log.verify(), 10, 9, "does not follow");
    }

    @Test
    void findsAChainRewrittenFromSomeEntryOnThroughTheCheckpoint() {
        append(30);
        log.checkpoint();
        allowTampering();
        // an attacker who knows the hash rule deletes entry 12 and re-chains everything after it
        sql.update("DELETE FROM audit_entry WHERE sequence >= 12");
        AuditLog attacker = newHub(null);
        for (int i = 13; i <= 31; i++) {
            attacker.record(disclosure(i));
        }
        assertThat(newHub(null).verify().intact()).as("the rewritten chain is consistent in itself").isTrue();

        AuditVerification verdict = log.verify();

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.firstBadSequence()).isEqualTo(30);
        assertThat(verdict.reason()).contains("checkpoint");
    }

    @Test
    void findsAForgedCheckpoint() throws Exception {
        append(5);
        log.checkpoint();
        Path file = auditDir.resolve(AuditCheckpoints.FILE_NAME);
        String line = Files.readAllLines(file).get(0);
        Files.writeString(file, line.replace(" 5 ", " 4 ") + "\n");

        AuditVerification verdict = log.verify();

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.firstBadSequence()).isNull();
        assertThat(verdict.reason()).contains("bad signature");
    }

    @Test
    void refusesIncompleteDisclosures() {
        assertThatThrownBy(() -> new Disclosure("a", "p", "c", Set.of(), "consent", "JMS", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Disclosure("a", " ", "c", Set.of(DataCategory.IDENTITY), "consent", "JMS", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Disclosure("a".repeat(65), "p", "c", Set.of(DataCategory.IDENTITY), "consent", "JMS", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHashCoversEveryFieldAndTheOrderOfCategoriesDoesNotMatter() {
        String base = AuditLog.hash(AuditLog.GENESIS, 1, T0, "a", "p", "c", "ADDRESS,IDENTITY", "consent", "JMS", "r");
        assertThat(base).hasSize(64).isNotEqualTo(AuditLog.hash(AuditLog.GENESIS, 1, T0, "a", "p", "c", "ADDRESS,IDENTITY", "consent", "JMS", null));
        assertThat(base).isNotEqualTo(AuditLog.hash(AuditLog.GENESIS, 2, T0, "a", "p", "c", "ADDRESS,IDENTITY", "consent", "JMS", "r"));
        // length prefixes: moving a character from one field to the next changes the hash
        assertThat(AuditLog.hash(AuditLog.GENESIS, 1, T0, "ab", "p", "c", "IDENTITY", "consent", "JMS", "r"))
                .isNotEqualTo(AuditLog.hash(AuditLog.GENESIS, 1, T0, "a", "bp", "c", "IDENTITY", "consent", "JMS", "r"));
        assertThat(AuditLog.categories(EnumSet.of(DataCategory.IDENTITY, DataCategory.ADDRESS))).isEqualTo("ADDRESS,IDENTITY");
    }

    private static void assertBad(AuditVerification verdict, long firstBad, long checked, String reason) {
        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.firstBadSequence()).as(verdict.reason()).isEqualTo(firstBad);
        assertThat(verdict.checked()).isEqualTo(checked);
        assertThat(verdict.reason()).contains(reason);
    }
}
