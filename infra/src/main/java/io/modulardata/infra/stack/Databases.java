package io.modulardata.infra.stack;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates PostgreSQL databases on demand, on the stack's server or an external one. */
public final class Databases {

    // Names go into CREATE DATABASE, which takes no bind parameters.
    private static final Pattern VALID_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";

    private Databases() {
    }

    /** Creates the database unless it exists already. */
    public static void create(PostgresAddress postgres, String name) {
        if (!VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid database name '" + name + "': use lower-case letters, digits and _");
        }
        try (Connection connection = connect(postgres, "postgres")) {
            if (!exists(connection, name)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE \"" + name + "\"");
                }
            }
        } catch (SQLException e) {
            // Another process may have created it between the check and the CREATE.
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new IllegalStateException("Could not create database " + name + " on "
                        + postgres.host() + ":" + postgres.port() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Opens a JDBC connection without going through DriverManager, which misses drivers in Quarkus class loaders. */
    public static Connection connect(PostgresAddress postgres, String database) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl(database));
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        dataSource.setConnectTimeout(5);
        return dataSource.getConnection();
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }
}
