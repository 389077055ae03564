package org.citizenhub.connectors.vault;

import javax.sql.DataSource;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/** The document store on a real PostgreSQL server, when {@code CITIZENHUB_TEST_POSTGRES_URL} names one (see {@link PostgresVaultStoreTest}). */
@EnabledIfEnvironmentVariable(named = "CITIZENHUB_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresDocumentStoreTest extends DocumentStoreContract {

    @Override
    protected DataSource freshDatabase() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(System.getenv("CITIZENHUB_TEST_POSTGRES_URL"));
        ds.setUser(System.getenv().getOrDefault("CITIZENHUB_TEST_POSTGRES_USER", "citizenhub"));
        ds.setPassword(System.getenv().getOrDefault("CITIZENHUB_TEST_POSTGRES_PASSWORD", "citizenhub"));
        return ds;
    }
}
