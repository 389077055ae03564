package org.citizenhub.connectors.vault;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The vault on a real PostgreSQL server, when {@code CITIZENHUB_TEST_POSTGRES_URL} names one
 * (CI installs and starts one on loopback; see .ci/run). Credentials: CITIZENHUB_TEST_POSTGRES_USER
 * and CITIZENHUB_TEST_POSTGRES_PASSWORD. Each test starts from a cleaned schema.
 */
@EnabledIfEnvironmentVariable(named = "CITIZENHUB_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresVaultStoreTest extends VaultStoreContract {

    @Override
    protected DataSource freshDatabase() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(System.getenv("CITIZENHUB_TEST_POSTGRES_URL"));
        ds.setUser(System.getenv().getOrDefault("CITIZENHUB_TEST_POSTGRES_USER", "citizenhub"));
        ds.setPassword(System.getenv().getOrDefault("CITIZENHUB_TEST_POSTGRES_PASSWORD", "citizenhub"));
        return ds;
    }
}
