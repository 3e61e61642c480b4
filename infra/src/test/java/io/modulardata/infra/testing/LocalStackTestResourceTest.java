package io.modulardata.infra.testing;

import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.stack.ServiceDatabase;
import io.modulardata.infra.stack.StackAddresses;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStackTestResourceTest {

    @Test
    void pointsQuarkusAtTheSharedStackAndCreatesTheDatabaseWithItsRoles() throws Exception {
        LocalStackTestResource resource = new LocalStackTestResource();
        resource.init(Map.of("database", "billing"));

        Map<String, String> config = resource.start();

        StackAddresses stack = LocalStackTestResource.stack();
        int pgPort = stack.postgres().port();
        assertThat(config).containsOnlyKeys("kafka.bootstrap.servers",
                        "mp.messaging.connector.smallrye-kafka.apicurio.registry.url", "quarkus.datasource.reactive.url",
                        "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password",
                        "quarkus.flyway.username", "quarkus.flyway.password")
                .containsEntry("kafka.bootstrap.servers", stack.kafkaBootstrapServers())
                .containsEntry("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", stack.registryUrl())
                .containsEntry("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + pgPort + "/billing")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/billing")
                // The service runs as the runtime role; only Flyway logs in as the schema's owner.
                .containsEntry("quarkus.datasource.username", "billing_runtime")
                .containsEntry("quarkus.flyway.username", "billing_owner");
        ServiceDatabase billing = LocalStackTestResource.serviceDatabase("billing");
        try (Connection connection = Databases.connect(billing.runtime(), "billing")) {
            assertThat(connection.isValid(5)).isTrue();
        }
        assertThat(SqlAttempt.sqlState(billing.runtime(), "billing", "create table scratch (id bigint)"))
                .isEqualTo(SqlAttempt.INSUFFICIENT_PRIVILEGE);
        assertThat(SqlAttempt.sqlState(billing.owner(), "billing", "create table scratch (id bigint)"))
                .isEqualTo(SqlAttempt.SUCCESS);
    }

    @Test
    void everyResourceOfTheJvmSharesOneStackAndStopLeavesItRunning() {
        LocalStackTestResource first = new LocalStackTestResource();
        first.init(Map.of());
        Map<String, String> firstConfig = first.start();
        first.stop();

        LocalStackTestResource second = new LocalStackTestResource();
        second.init(Map.of("database", "other"));
        Map<String, String> secondConfig = second.start();

        assertThat(firstConfig.get("quarkus.datasource.reactive.url")).endsWith("/app");
        assertThat(secondConfig.get("kafka.bootstrap.servers")).isEqualTo(firstConfig.get("kafka.bootstrap.servers"));
        assertThat(secondConfig.get("mp.messaging.connector.smallrye-kafka.apicurio.registry.url"))
                .isEqualTo(firstConfig.get("mp.messaging.connector.smallrye-kafka.apicurio.registry.url"));
    }

    /**
     * Quarkus loads a test resource in a class loader per application; each has its own copy of the classes and
     * their static fields. A copy loaded apart from ours (no parent in common but the JDK's) finds the stack ours
     * started, and starts none of its own: it answers the very same addresses.
     */
    @Test
    void aCopyOfTheClassesInAnotherClassLoaderSharesTheStack() throws Exception {
        StackAddresses ours = LocalStackTestResource.stack();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader application = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> copy = application.loadClass(LocalStackTestResource.class.getName());
            assertThat(copy).isNotSameAs(LocalStackTestResource.class);

            Object theirs = copy.getMethod("stack").invoke(null);

            assertThat(theirs.getClass()).isNotSameAs(StackAddresses.class);
            assertThat(theirs.getClass().getMethod("toMap").invoke(theirs)).isEqualTo(ours.toMap());
        }
    }
}
