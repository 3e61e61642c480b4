package io.modulardata.console.overview;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.console.ConsoleConfig;
import io.modulardata.console.platform.PlatformServices;

/**
 * The servers under the platform: Kafka and Apicurio Registry as the console reaches them itself,
 * PostgreSQL and the Kubernetes cluster as the services' readiness checks report them.
 */
@ApplicationScoped
public class Servers {

    private final KafkaFigures kafka;
    private final ServiceHealth health;
    private final PlatformServices services;
    private final ConsoleConfig config;
    private final Cached<Boolean> registryUp;

    public Servers(KafkaFigures kafka, ServiceHealth health, PlatformServices services, ConsoleConfig config) {
        this.kafka = kafka;
        this.health = health;
        this.services = services;
        this.config = config;
        this.registryUp = new Cached<>(config.probeCacheTime(), () -> services.probe(config.registryUrl() + "/system/info")
                .map(response -> response.statusCode() == 200).orElse(false));
    }

    /** {@code state}: UP, DOWN or "not reported" (no service reports it, e.g. when every service is down). */
    public record ServerState(String name, String address, String state, String source) {
    }

    public List<ServerState> states() {
        List<ServerState> states = new ArrayList<>();
        KafkaFigures.Figures figures = kafka.figures();
        states.add(new ServerState("Kafka", config.kafkaBootstrapServers(),
                figures.up() ? "UP" : "DOWN", figures.up() ? figures.brokers() + " broker(s)" : "no answer"));
        states.add(new ServerState("Apicurio Registry", config.registryUrl(), registryUp.get() ? "UP" : "DOWN", "system/info"));
        states.add(reported("PostgreSQL", "postgresql"));
        states.add(reported("Kubernetes", "kubernetes"));
        return states;
    }

    private ServerState reported(String name, String checkNamePart) {
        return health.serverUp(checkNamePart)
                .map(up -> new ServerState(name, "", up ? "UP" : "DOWN", "services' readiness checks"))
                .orElse(new ServerState(name, "", "not reported", "services' readiness checks"));
    }
}
