package io.modulardata.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * What PostgreSQL did across all of the platform's databases, from its own counters (pg_stat_database):
 * transactions committed or rolled back and rows written. Two readings around a run, divided by the commands
 * the run got accepted, say how much database work one command costs wherever it happens (the command itself,
 * the outbox relay, the consumers' projections and idempotency records).
 */
final class PostgresActivity {

    /** Counters summed over every database; PostgreSQL publishes a backend's counts when its transaction ends. */
    record Reading(long transactions, long rowsWritten) {

        Reading minus(Reading earlier) {
            return new Reading(transactions - earlier.transactions, rowsWritten - earlier.rowsWritten);
        }
    }

    /** The platform's superuser (zonky's cluster trusts local connections; the password is for clients that ask). */
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final String server;
    private final Properties login = new Properties();

    PostgresActivity(int port) {
        this.server = "jdbc:postgresql://127.0.0.1:" + port + "/";
        login.setProperty("user", USER);
        login.setProperty("password", PASSWORD);
    }

    Reading read() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     select sum(xact_commit + xact_rollback)::bigint, sum(tup_inserted + tup_updated + tup_deleted)::bigint
                     from pg_stat_database where datname is not null""")) {
            row.next();
            return new Reading(row.getLong(1), row.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database at " + server + ": " + e.getMessage(), e);
        }
    }

    /** To the server's maintenance database, e.g. to create or drop one. */
    Connection connect() throws SQLException {
        return connect("postgres");
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server + database, login);
    }
}
