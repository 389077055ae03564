package org.citizenhub.connectors.vault;

import javax.sql.DataSource;

/** The access log on the embedded default database. */
class H2AuditLogTest extends AuditLogContract {

    @Override
    protected DataSource freshDatabase() {
        return TestDatabases.h2("audit");
    }
}
