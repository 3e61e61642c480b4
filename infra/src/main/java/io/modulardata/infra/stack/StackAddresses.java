package io.modulardata.infra.stack;

import java.util.Map;

/**
 * The addresses of a running stack. Convertible to and from a map of plain strings, so that it can
 * cross class loaders (see {@code io.modulardata.fixtures.SharedStack}).
 */
public record StackAddresses(String kafkaBootstrapServers, String registryUrl, PostgresAddress postgres) {

    private static final String KAFKA = "kafka.bootstrap.servers";
    private static final String REGISTRY = "registry.url";
    private static final String PG_HOST = "postgres.host";
    private static final String PG_PORT = "postgres.port";
    private static final String PG_USER = "postgres.user";
    private static final String PG_PASSWORD = "postgres.password";

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public String reactiveUrl(String database) {
        return postgres.reactiveUrl(database);
    }

    public Map<String, String> toMap() {
        return Map.of(KAFKA, kafkaBootstrapServers, REGISTRY, registryUrl,
                PG_HOST, postgres.host(), PG_PORT, String.valueOf(postgres.port()),
                PG_USER, postgres.user(), PG_PASSWORD, postgres.password());
    }

    public static StackAddresses fromMap(Map<String, String> map) {
        return new StackAddresses(map.get(KAFKA), map.get(REGISTRY), new PostgresAddress(map.get(PG_HOST),
                Integer.parseInt(map.get(PG_PORT)), map.get(PG_USER), map.get(PG_PASSWORD)));
    }
}
