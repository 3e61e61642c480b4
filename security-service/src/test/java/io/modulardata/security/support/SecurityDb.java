package io.modulardata.security.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.modulardata.infra.stack.Databases;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.security.crypto.MasterKey;

/** The security database as its owner sees it (not through the service), and the test run's master key. */
public final class SecurityDb {

    private SecurityDb() {
    }

    public static Connection connect() throws SQLException {
        return Databases.connect(LocalStackTestResource.serviceDatabase("security").owner(), "security");
    }

    /** The master key the service under test runs with (see MasterKeyTestResource). */
    public static MasterKey masterKey() {
        return MasterKey.parse(System.getProperty(MasterKeyTestResource.PROPERTY));
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, as bytes (e.g. a bytea or a text column). */
    public static List<byte[]> bytes(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<byte[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getBytes(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
