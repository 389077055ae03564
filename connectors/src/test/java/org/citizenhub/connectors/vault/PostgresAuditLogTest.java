package org.citizenhub.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import javax.sql.DataSource;

import org.citizenhub.connectors.vault.AuditLog.Disclosure;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The access log on a real PostgreSQL server, when CITIZENHUB_TEST_POSTGRES_URL names one (CI). */
@EnabledIfEnvironmentVariable(named = "CITIZENHUB_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresAuditLogTest extends AuditLogContract {

    @Override
    protected DataSource freshDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    protected void allowTampering() {
        sql.execute("ALTER TABLE audit_entry DISABLE TRIGGER USER");
    }

    @Test
    void theTableRefusesUpdateDeleteAndTruncate() {
        new AuditLog(new NamedParameterJdbcTemplate(db), new TransactionTemplate(new DataSourceTransactionManager(db)),
                java.time.Clock.systemUTC())
                .record(new Disclosure("a", "p", "c", Set.of(DataCategory.IDENTITY), "consent", "JMS", null));

        assertThatThrownBy(() -> sql.update("UPDATE audit_entry SET purpose = 'x'"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> sql.update("DELETE FROM audit_entry")).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> sql.execute("TRUNCATE audit_entry")).isInstanceOf(DataAccessException.class);
        assertThat(sql.queryForObject("SELECT COUNT(*) FROM audit_entry", Integer.class)).isEqualTo(1);
    }
}
