package io.modulardata.audit.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.modulardata.infra.stack.PostgresAddress;
import io.modulardata.infra.stack.StackAddresses;
import io.modulardata.fixtures.LocalStackTestResource;

/** A connection to the audit database as its owner: what an insider with database access could do. */
public final class OwnerDb {

    private OwnerDb() {
    }

    /** The owner role of the audit database (not the runtime role audit-service logs in as, which cannot do this). */
    public static Connection connect() throws SQLException {
        StackAddresses stack = LocalStackTestResource.stack();
        PostgresAddress owner = LocalStackTestResource.serviceDatabase("audit").owner();
        return DriverManager.getConnection(stack.jdbcUrl("audit"), owner.user(), owner.password());
    }

    /** Runs statements with the append-only triggers of entries and checkpoints switched off, as an owner can. */
    public static void tamper(String... statements) throws SQLException {
        try (Connection connection = connect()) {
            tamper(connection, statements);
        }
    }

    /** {@link #tamper(String...)} on a connection of another audit database (a scratch one). */
    public static void tamper(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("alter table audit_entry disable trigger audit_entry_append_only");
            statement.execute("alter table audit_checkpoint disable trigger audit_checkpoint_append_only");
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("alter table audit_checkpoint enable trigger audit_checkpoint_append_only");
            statement.execute("alter table audit_entry enable trigger audit_entry_append_only");
            connection.commit();
        }
    }
}
