package org.citizenhub.connectors.vault;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Fresh, migrated vault databases for store tests: H2 in memory, or the PostgreSQL of CITIZENHUB_TEST_POSTGRES_URL. */
final class TestDatabases {

    private static final AtomicInteger H2_DATABASES = new AtomicInteger();

    private TestDatabases() {
    }

    static String freshH2Url(String name) {
        return "jdbc:h2:mem:" + name + H2_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    static DataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(freshH2Url(name));
        return migrated(ds);
    }

    /** The test PostgreSQL with a cleaned and migrated schema. */
    static DataSource postgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(System.getenv("CITIZENHUB_TEST_POSTGRES_URL"));
        ds.setUser(System.getenv().getOrDefault("CITIZENHUB_TEST_POSTGRES_USER", "citizenhub"));
        ds.setPassword(System.getenv().getOrDefault("CITIZENHUB_TEST_POSTGRES_PASSWORD", "citizenhub"));
        return migrated(ds);
    }

    static DataSource migrated(DataSource ds) {
        Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).load().migrate();
        return ds;
    }
}
