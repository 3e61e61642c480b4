package io.modulardata.infra.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.modulardata.infra.stack.Databases;

/**
 * A real database failure for one tenant's events only: while open, a trigger makes PostgreSQL refuse
 * every event_store insert of that tenant (optionally of one aggregate type) with "refused by test".
 * Created and dropped as the schema's owner: the service's runtime role may not add or drop a trigger.
 */
public final class RefusedEventInserts implements AutoCloseable {

    public static final String MESSAGE = "refused by test";

    private final String database;
    private final String trigger;

    private RefusedEventInserts(String database, String trigger) {
        this.database = database;
        this.trigger = trigger;
    }

    /** Refuses the tenant's inserts into the event store of the service database {@code database}. */
    public static RefusedEventInserts of(String database, String tenantId, String aggregateType) throws SQLException {
        String trigger = "refuse_" + tenantId.replaceAll("[^A-Za-z0-9_]", "_");
        String condition = "new.tenant_id = '" + tenantId.replace("'", "''") + "'"
                + (aggregateType == null ? "" : " and new.aggregate_type = '" + aggregateType.replace("'", "''") + "'");
        sql(database, "create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                + "raise exception '" + MESSAGE + "'; end; $$");
        sql(database, "create trigger " + trigger + " before insert on event_store for each row when (" + condition
                + ") execute function " + trigger + "()");
        return new RefusedEventInserts(database, trigger);
    }

    @Override
    public void close() throws SQLException {
        sql(database, "drop trigger " + trigger + " on event_store");
        sql(database, "drop function " + trigger + "()");
    }

    private static void sql(String database, String statement) throws SQLException {
        try (Connection owner = Databases.connect(LocalStackTestResource.serviceDatabase(database).owner(), database);
                Statement sql = owner.createStatement()) {
            sql.execute(statement);
        }
    }
}
