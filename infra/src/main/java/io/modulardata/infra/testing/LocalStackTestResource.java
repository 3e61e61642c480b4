package io.modulardata.infra.testing;

import io.modulardata.infra.stack.ServiceDatabase;
import io.modulardata.infra.stack.StackAddresses;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at real local servers: Kafka, Apicurio Registry and PostgreSQL.
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
 * class TenantResourceTest { ... }
 * }</pre>
 * All test classes of a JVM share one stack, started on first use; {@link #stop()} leaves it
 * running and the JVM shutdown hook stops it. Each resource creates its database (argument
 * {@code database}, default {@code app}) with its owner and runtime roles if missing; the service runs as
 * the runtime role and Flyway as the owner.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";
    public static final String DEFAULT_DATABASE = "app";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_DATABASE);
    }

    /** The service runs as its database's runtime role; only Flyway logs in as the owner, as in production. */
    @Override
    public Map<String, String> start() {
        StackAddresses stack = stack();
        ServiceDatabase logins = serviceDatabase(database);
        return Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "mp.messaging.connector.smallrye-kafka.apicurio.registry.url", stack.registryUrl(),
                "quarkus.datasource.reactive.url", stack.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(database),
                "quarkus.datasource.username", logins.runtime().user(),
                "quarkus.datasource.password", logins.runtime().password(),
                "quarkus.flyway.username", logins.owner().user(),
                "quarkus.flyway.password", logins.owner().password());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: the stack's shutdown hook stops it.
    }

    /**
     * A service's database on this JVM's stack with its owner and runtime roles, created if needed; for tests
     * that check what each role may do.
     */
    public static ServiceDatabase serviceDatabase(String name) {
        return SharedStack.serviceDatabase(name);
    }

    /** The addresses of this JVM's stack, starting it if needed; for tests that talk to the servers directly. */
    public static StackAddresses stack() {
        return SharedStack.addresses();
    }
}
