package io.modulardata.infra.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.stack.PostgresAddress;

/**
 * Runs one statement as a given login and reports how PostgreSQL answered, for tests of what a role may do.
 * The statement runs in a transaction that is always rolled back: a statement that should have been refused
 * changes nothing.
 */
public final class SqlAttempt {

    /** The SQLSTATE of a successful statement. */
    public static final String SUCCESS = "00000";
    /** insufficient_privilege: the role lacks the privilege, or does not own the object. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** What a trigger's {@code raise exception} answers (e.g. an append-only table refusing a row). */
    public static final String RAISE_EXCEPTION = "P0001";

    private SqlAttempt() {
    }

    /** The statement's SQLSTATE: {@link #SUCCESS}, or the error's (e.g. {@link #INSUFFICIENT_PRIVILEGE}). */
    public static String sqlState(PostgresAddress login, String database, String sql) {
        try (Connection connection = Databases.connect(login, database)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
                return SUCCESS;
            } catch (SQLException e) {
                return e.getSQLState();
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot log in to " + database + " as " + login.user() + ": " + e.getMessage(), e);
        }
    }
}
