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

    private final String url;
    private final Properties login = new Properties();

    /** The platform's server, as its superuser (zonky's cluster trusts local connections). */
    PostgresActivity(int port) {
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        login.setProperty("user", "postgres");
        login.setProperty("password", "postgres");
    }

    Reading read() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     select sum(xact_commit + xact_rollback)::bigint, sum(tup_inserted + tup_updated + tup_deleted)::bigint
                     from pg_stat_database where datname is not null""")) {
            row.next();
            return new Reading(row.getLong(1), row.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database at " + url + ": " + e.getMessage(), e);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, login);
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + database, login);
    }
}
