package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, the access log refuses UPDATE, DELETE and TRUNCATE (a trigger), so that even a bug or a
 * careless statement through the hub's own account cannot rewrite it. Someone who owns the table can
 * still disable the trigger; the hash chain and the signed checkpoints are what reveal that
 * ({@code AuditLog}). On other databases (H2, the embedded default) this migration does nothing: give the
 * hub's account only SELECT and INSERT on {@code audit_entry} where the database allows it.
 */
public class V7_1__audit_append_only extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            return;
        }
        try (Statement sql = context.getConnection().createStatement()) {
            sql.execute("""
                    CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                    END $$""");
            sql.execute("""
                    CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
                    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""");
            sql.execute("""
                    CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""");
        }
    }
}
