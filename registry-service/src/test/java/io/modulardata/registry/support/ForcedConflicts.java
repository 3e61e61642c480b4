package io.modulardata.registry.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.modulardata.infra.stack.Databases;
import io.modulardata.fixtures.LocalStackTestResource;

/**
 * Makes appends to one aggregate lose the optimistic-concurrency race on demand: a trigger on
 * {@code event_store} answers the next {@code n} inserts for the aggregate with the unique violation a
 * concurrent commit of the same version causes, and counts every attempt. The counter is a sequence,
 * which a rolled-back attempt does not roll back. Installed in the test's database by the test, removed
 * on close; the service's own code path is untouched.
 */
public final class ForcedConflicts implements AutoCloseable {

    private final Connection connection;

    private ForcedConflicts(Connection connection) {
        this.connection = connection;
    }

    public static ForcedConflicts install() throws SQLException {
        Connection connection = Databases.connect(LocalStackTestResource.stack().postgres(), "registry");
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create table if not exists test_forced_conflict (
                        aggregate_id text primary key, conflicts int not null, attempts text not null)""");
            // security definer: the service's database role needs no rights on the test's objects.
            statement.execute("""
                    create or replace function test_force_conflict() returns trigger language plpgsql
                    security definer as $$
                    declare
                        forced record;
                    begin
                        select * into forced from test_forced_conflict where aggregate_id = new.aggregate_id;
                        if found and nextval(forced.attempts::regclass) <= forced.conflicts then
                            raise exception using errcode = 'unique_violation',
                                message = 'forced conflict on ' || new.aggregate_id;
                        end if;
                        return new;
                    end;
                    $$""");
            statement.execute("drop trigger if exists test_force_conflict on event_store");
            statement.execute("""
                    create trigger test_force_conflict before insert on event_store
                    for each row execute function test_force_conflict()""");
        }
        return new ForcedConflicts(connection);
    }

    /** The next {@code conflicts} appends to the aggregate fail as a lost race; later ones go through. */
    public void onNextAppendsTo(String aggregateId, int conflicts) throws SQLException {
        String sequence = sequenceOf(aggregateId);
        try (Statement statement = connection.createStatement()) {
            statement.execute("create sequence " + sequence);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into test_forced_conflict (aggregate_id, conflicts, attempts) values (?, ?, ?)")) {
            insert.setString(1, aggregateId);
            insert.setInt(2, conflicts);
            insert.setString(3, sequence);
            insert.executeUpdate();
        }
    }

    /** How many appends to the aggregate were attempted since {@link #onNextAppendsTo}. */
    public long attempts(String aggregateId) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select last_value, is_called from " + sequenceOf(aggregateId))) {
            rows.next();
            return rows.getBoolean(2) ? rows.getLong(1) : 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop trigger if exists test_force_conflict on event_store");
        } finally {
            connection.close();
        }
    }

    /** Aggregate ids of the tests are letters and digits (see {@link RegistryApi#newTenantId()}). */
    private static String sequenceOf(String aggregateId) {
        if (!aggregateId.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException(aggregateId);
        }
        return "test_attempts_" + aggregateId;
    }
}
