package io.modulardata.audit.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import io.modulardata.infra.stack.StackAddresses;
import io.modulardata.fixtures.LocalStackTestResource;

/** A new, migrated audit database on the shared test PostgreSQL, for tests and benchmarks that drive the writer directly. */
public final class ScratchDatabase {

    private ScratchDatabase() {
    }

    public static PGSimpleDataSource create(String prefix) throws SQLException {
        StackAddresses stack = LocalStackTestResource.stack();
        String database = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection(stack.jdbcUrl("postgres"), stack.postgres().user(),
                stack.postgres().password()); Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(stack.jdbcUrl(database));
        dataSource.setUser(stack.postgres().user());
        dataSource.setPassword(stack.postgres().password());
        // One login for both roles, as a single-user installation has it: the grants go to the superuser itself.
        Flyway.configure().dataSource(dataSource).locations("classpath:db/kit", "classpath:db/migration")
                .placeholders(Map.of("runtime_role", stack.postgres().user())).load().migrate();
        return dataSource;
    }
}
