package org.citizenhub.connectors.vault;

import javax.sql.DataSource;

/** Consents on the embedded default database. */
class H2ConsentStoreTest extends ConsentStoreContract {

    @Override
    protected DataSource freshDatabase() {
        return TestDatabases.h2("consent");
    }
}
