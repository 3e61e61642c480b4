package io.modulardata.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A service's database and its two logins (service-kit/README.md, "Database roles"): the {@code owner} of its schema,
 * which only Flyway uses at start-up, and the {@code runtime} role the service's connection pools use.
 */
public record ServiceDatabase(String name, PostgresAddress owner, PostgresAddress runtime) {

    /** Makes the roles of a database and hands it to its owner; see the script's header. */
    public static final String ROLES_SCRIPT = "service-roles.sql";

    public static String ownerRole(String database) {
        return database + "_owner";
    }

    public static String runtimeRole(String database) {
        return database + "_runtime";
    }

    /**
     * Creates the database unless it exists and gives it its owner and runtime roles ({@link #ROLES_SCRIPT}),
     * logged in as {@code admin}. The passwords are the role names: a server this stack starts trusts local
     * connections, so they only serve clients that insist on sending one.
     */
    public static ServiceDatabase provision(PostgresAddress admin, String name) {
        Databases.create(admin, name);
        ServiceDatabase database = onLocalServer(admin, name);
        try (Connection connection = Databases.connect(admin, name)) {
            Map<String, String> settings = Map.of("mdp.owner_role", database.owner.user(),
                    "mdp.owner_password", database.owner.password(),
                    "mdp.runtime_role", database.runtime.user(),
                    "mdp.runtime_password", database.runtime.password());
            try (PreparedStatement set = connection.prepareStatement("select set_config(?, ?, false)")) {
                for (Map.Entry<String, String> setting : settings.entrySet()) {
                    set.setString(1, setting.getKey());
                    set.setString(2, setting.getValue());
                    set.execute();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(rolesScript());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not give database " + name + " its roles: " + e.getMessage(), e);
        }
        return database;
    }

    /** The logins {@link #provision} gives database {@code name} on {@code server}. */
    public static ServiceDatabase onLocalServer(PostgresAddress server, String name) {
        return new ServiceDatabase(name, login(server, ownerRole(name)), login(server, runtimeRole(name)));
    }

    /** One login for both (the operator's choice on an external server, e.g. its MDP_POSTGRES_USER). */
    public static ServiceDatabase singleLogin(PostgresAddress login, String name) {
        return new ServiceDatabase(name, login, login);
    }

    private static PostgresAddress login(PostgresAddress server, String role) {
        return new PostgresAddress(server.host(), server.port(), role, role);
    }

    private static String rolesScript() {
        try (InputStream script = ServiceDatabase.class.getResourceAsStream(ROLES_SCRIPT)) {
            if (script == null) {
                throw new IllegalStateException(ROLES_SCRIPT + " is missing from the classpath");
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
