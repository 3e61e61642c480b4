package io.modulardata.infra.testing;

import io.modulardata.infra.stack.StackAddresses;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
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
 * {@code database}, default {@code app}) if missing.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_ARG = "database";
    public static final String DEFAULT_DATABASE = "app";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        StackAddresses stack = stack();
        callShared("createDatabase", database);
        return Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "mp.messaging.connector.smallrye-kafka.apicurio.registry.url", stack.registryUrl(),
                "quarkus.datasource.reactive.url", stack.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(database),
                "quarkus.datasource.username", stack.postgres().user(),
                "quarkus.datasource.password", stack.postgres().password());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM: the stack's shutdown hook stops it.
    }

    /** The addresses of this JVM's stack, starting it if needed; for tests that talk to the servers directly. */
    @SuppressWarnings("unchecked")
    public static StackAddresses stack() {
        return StackAddresses.fromMap((Map<String, String>) callShared("start"));
    }

    private static Object callShared(String method, String... args) {
        Class<?>[] types = new Class<?>[args.length];
        Arrays.fill(types, String.class);
        try {
            return sharedStackClass().getMethod(method, types).invoke(null, (Object[]) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot call SharedStack." + method, e);
        }
    }

    /** The system class loader's copy when it has one: that copy is the same for every Quarkus application. */
    private static Class<?> sharedStackClass() {
        try {
            return Class.forName(SharedStack.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            return SharedStack.class;
        }
    }
}
