package org.citizenhub.connectors.vault;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** The document store on the embedded default database. */
class H2DocumentStoreTest extends DocumentStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected DataSource freshDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:documents" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }
}
