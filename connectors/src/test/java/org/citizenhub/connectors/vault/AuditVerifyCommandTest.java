package org.citizenhub.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ops command that verifies the access log without the hub: what it prints and its exit codes. */
class AuditVerifyCommandTest {

    @TempDir Path auditDir;
    private String url;
    private JdbcTemplate sql;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void aHubWroteItsLog() {
        url = TestDatabases.freshH2Url("verify");
        JdbcDataSource db = new JdbcDataSource();
        db.setURL(url);
        db.setUser("hub");
        Flyway.configure().dataSource(db).load().migrate();
        sql = new JdbcTemplate(db);
        AuditLog log = new AuditLog(new NamedParameterJdbcTemplate(db), new TransactionTemplate(new DataSourceTransactionManager(db)),
                Clock.systemUTC(), AuditCheckpoints.writable(auditDir, auditDir.resolve(AuditCheckpoints.KEY_FILE_NAME), Clock.systemUTC()));
        for (int i = 1; i <= 12; i++) {
            log.record(AuditLogContract.disclosure(i));
        }
        log.checkpoint();
    }

    private int run(String... args) {
        return AuditVerifyCommand.run(args, Map.of("CITIZENHUB_DB_USER", "hub"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitsZeroOnAnIntactLog() {
        assertThat(run("--jdbc-url", url, "--checkpoints", auditDir.toString())).isZero();
        assertThat(printed()).startsWith("INTACT: 12 entries checked").contains("last checkpoint at entry 12");
    }

    @Test
    void exitsOneAndNamesTheFirstBadEntryOnAnAlteredLog() {
        sql.update("UPDATE audit_entry SET agency = 'police' WHERE sequence = 5");

        assertThat(run("--jdbc-url", url, "--checkpoints", auditDir.resolve(AuditCheckpoints.FILE_NAME).toString())).isEqualTo(1);
        assertThat(printed()).startsWith("TAMPERED: 4 entries checked, first bad sequence 5");
    }

    @Test
    void exitsOneOnACutTailOnlyWithTheCheckpoints() {
        sql.update("DELETE FROM audit_entry WHERE sequence > 10");

        assertThat(run("--jdbc-url", url, "--checkpoints", auditDir.toString(),
                "--public-key", auditDir.resolve("checkpoint-key.pub").toString())).isEqualTo(1);
        assertThat(printed()).contains("first bad sequence 11");
        out.reset();
        assertThat(run("--jdbc-url", url)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot be detected");
    }

    @Test
    void exitsOneWhenTheCheckpointsAreSignedWithAnotherKey(@TempDir Path otherHub) {
        AuditCheckpoints.writable(otherHub, otherHub.resolve(AuditCheckpoints.KEY_FILE_NAME), Clock.systemUTC());

        assertThat(run("--jdbc-url", url, "--checkpoints", auditDir.toString(),
                "--public-key", otherHub.resolve("checkpoint-key.pub").toString())).isEqualTo(1);
        assertThat(printed()).contains("bad signature");
    }

    @Test
    void exitsTwoWhenItCannotVerify() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(run("--jdbc-url")).isEqualTo(2);
        assertThat(run("--jdbc-url", url, "--bogus", "x")).isEqualTo(2);
        assertThat(run("--jdbc-url", url, "--checkpoints", auditDir.resolve("nothing-here.log").toString())).isEqualTo(2);
        assertThat(run("--jdbc-url", TestDatabases.freshH2Url("empty"))).as("no audit table").isEqualTo(2);
        Files.delete(auditDir.resolve("checkpoint-key.pub"));
        assertThat(run("--jdbc-url", url, "--checkpoints", auditDir.toString())).isEqualTo(2);
        assertThat(printed()).doesNotContain("INTACT");
    }
}
