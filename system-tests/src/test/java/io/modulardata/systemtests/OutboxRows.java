package io.modulardata.systemtests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.stack.PostgresAddress;

/**
 * A service's outbox, read in its database: which events were committed but not yet acknowledged by
 * Kafka. Those, and only those, may reach Kafka twice after a fault (the relay delivers at least once).
 */
final class OutboxRows {

    private static final String PENDING = """
            select e.event_id::text from outbox o join event_store e on e.global_position = o.event_position""";

    private final PostgresAddress postgres;
    private final String database;

    OutboxRows(PostgresAddress postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    /** The events whose outbox rows are pending now (after a kill: what the killed publisher had in flight). */
    Set<String> pendingEventIds() throws SQLException {
        try (Connection connection = Databases.connect(postgres, database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(PENDING)) {
            return ids(rows);
        }
    }

    /**
     * From now on, remembers when each outbox row was created and deleted (a test trigger; the relay is
     * untouched), so that {@link #pendingDuring} can tell which events were pending while a server was down.
     */
    void watchDeletions() throws SQLException {
        try (Connection connection = Databases.connect(postgres, database); Statement statement = connection.createStatement()) {
            statement.execute("""
                    create table if not exists test_outbox_deleted (
                        event_position bigint not null, created_at timestamptz not null, deleted_at timestamptz not null)""");
            // security definer: the service's database role needs no rights on the test's table.
            statement.execute("""
                    create or replace function test_outbox_deleted() returns trigger language plpgsql security definer as $$
                    begin
                        insert into test_outbox_deleted values (old.event_position, old.created_at, clock_timestamp());
                        return old;
                    end;
                    $$""");
            statement.execute("drop trigger if exists test_outbox_deleted on outbox");
            statement.execute("""
                    create trigger test_outbox_deleted after delete on outbox
                    for each row execute function test_outbox_deleted()""");
        }
    }

    /**
     * The events whose outbox rows existed at some moment between {@code from} and {@code to}: created (their
     * transaction began) before {@code to}, and deleted (the delete committed, or they are still there) after
     * {@code from}. A deletion rolled back by the fault leaves no record, and the row is deleted again later.
     */
    Set<String> pendingDuring(Instant from, Instant to) throws SQLException {
        try (Connection connection = Databases.connect(postgres, database); PreparedStatement query = connection.prepareStatement("""
                select e.event_id::text from test_outbox_deleted d join event_store e on e.global_position = d.event_position
                where d.created_at <= ? and d.deleted_at >= ?
                union
                select e.event_id::text from outbox o join event_store e on e.global_position = o.event_position
                where o.created_at <= ?""")) {
            query.setObject(1, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            query.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            query.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                return ids(rows);
            }
        }
    }

    /** Whether the outbox is empty now; false while the database cannot be reached. */
    boolean isEmpty() {
        try {
            return pendingEventIds().isEmpty();
        } catch (SQLException e) {
            return false;
        }
    }

    private static Set<String> ids(ResultSet rows) throws SQLException {
        Set<String> ids = new HashSet<>();
        while (rows.next()) {
            ids.add(rows.getString(1));
        }
        return ids;
    }
}
