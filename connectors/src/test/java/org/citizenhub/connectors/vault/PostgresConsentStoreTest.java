package org.citizenhub.connectors.vault;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Consents on a real PostgreSQL server, when CITIZENHUB_TEST_POSTGRES_URL names one (CI). */
@EnabledIfEnvironmentVariable(named = "CITIZENHUB_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresConsentStoreTest extends ConsentStoreContract {

    @Override
    protected DataSource freshDatabase() {
        return TestDatabases.postgres();
    }
}
