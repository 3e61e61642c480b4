package io.modulardata.infra.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the local stack: where its data lives, which ports the servers bind, and which
 * servers already run elsewhere and must not be started.
 *
 * @param dataDir                the data folder, or {@code null} for a new temporary folder that is deleted on stop
 * @param postgresPort           PostgreSQL port, 0 picks a free one (same for all ports)
 * @param kafkaPort              Kafka broker port
 * @param kafkaControllerPort    Kafka KRaft controller port
 * @param apicurioPort           Apicurio Registry HTTP port
 * @param apicurioManagementPort Apicurio Registry management port
 * @param externalKafka          bootstrap servers of a Kafka to use instead of starting one
 * @param externalRegistry       Apicurio Registry v3 API URL to use instead of starting one
 * @param externalPostgres       a PostgreSQL to use instead of starting one
 * @param startTimeout           how long each server may take to become ready
 * @param shutdownHook           whether the stack stops itself when the JVM exits
 */
public record StackConfig(
        Path dataDir,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int apicurioPort,
        int apicurioManagementPort,
        Optional<String> externalKafka,
        Optional<String> externalRegistry,
        Optional<PostgresAddress> externalPostgres,
        Duration startTimeout,
        boolean shutdownHook) {

    public StackConfig {
        Objects.requireNonNull(externalKafka);
        Objects.requireNonNull(externalRegistry);
        Objects.requireNonNull(externalPostgres);
        Objects.requireNonNull(startTimeout);
    }

    /** Persistent stacks keep their data (and Apicurio keeps its schema ids in PostgreSQL). */
    public boolean persistent() {
        return dataDir != null;
    }

    /** Free ports, a temporary folder, every server started here: what tests need. */
    public static StackConfig temporary() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Path dataDir;
        private int postgresPort;
        private int kafkaPort;
        private int kafkaControllerPort;
        private int apicurioPort;
        private int apicurioManagementPort;
        private String externalKafka;
        private String externalRegistry;
        private PostgresAddress externalPostgres;
        private Duration startTimeout = Duration.ofSeconds(120);
        private boolean shutdownHook = true;

        private Builder() {
        }

        /** Keeps data in this folder across restarts; without it the stack is temporary. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        public Builder apicurioPort(int port) {
            this.apicurioPort = port;
            return this;
        }

        public Builder apicurioManagementPort(int port) {
            this.apicurioManagementPort = port;
            return this;
        }

        public Builder externalKafka(String bootstrapServers) {
            this.externalKafka = bootstrapServers;
            return this;
        }

        public Builder externalRegistry(String registryUrl) {
            this.externalRegistry = registryUrl;
            return this;
        }

        public Builder externalPostgres(PostgresAddress postgres) {
            this.externalPostgres = postgres;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** The CLI turns this off to stop its services before the servers they use. */
        public Builder shutdownHook(boolean shutdownHook) {
            this.shutdownHook = shutdownHook;
            return this;
        }

        public StackConfig build() {
            return new StackConfig(dataDir, postgresPort, kafkaPort, kafkaControllerPort, apicurioPort,
                    apicurioManagementPort, Optional.ofNullable(externalKafka), Optional.ofNullable(externalRegistry),
                    Optional.ofNullable(externalPostgres), startTimeout, shutdownHook);
        }
    }
}
