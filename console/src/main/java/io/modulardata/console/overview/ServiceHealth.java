package io.modulardata.console.overview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.console.ConsoleConfig;
import io.modulardata.console.platform.PlatformServices;

/**
 * Whether each service is up (its {@code /q/health/ready}), with the checks it reports: its database, its
 * Kafka clients and, for deployment-service, its Kubernetes cluster. The servers' states are read from there
 * too, where the console does not reach a server itself.
 */
@ApplicationScoped
public class ServiceHealth {

    private final PlatformServices services;
    private final ConsoleConfig config;
    private final ObjectMapper json;
    private final Cached<List<ServiceState>> states;

    public ServiceHealth(PlatformServices services, ConsoleConfig config, ObjectMapper json) {
        this.services = services;
        this.config = config;
        this.json = json;
        this.states = new Cached<>(config.probeCacheTime(), this::probeAll);
    }

    /** One service: up or down, and each check it reports (name → UP/DOWN). */
    public record ServiceState(String name, String url, boolean up, String status, Map<String, String> checks) {
    }

    public List<ServiceState> states() {
        return states.get();
    }

    /** A server's state as the services report it: UP if any service reports a check of it UP. */
    public Optional<Boolean> serverUp(String checkNamePart) {
        Boolean seen = null;
        for (ServiceState state : states()) {
            for (var check : state.checks().entrySet()) {
                if (check.getKey().toLowerCase().contains(checkNamePart.toLowerCase())) {
                    boolean up = check.getValue().equals("UP");
                    seen = seen == null ? up : seen || up;
                }
            }
        }
        return Optional.ofNullable(seen);
    }

    private List<ServiceState> probeAll() {
        List<ServiceState> found = new ArrayList<>();
        for (String name : new TreeMap<>(config.services()).keySet()) {
            String url = services.url(name);
            found.add(services.probe(url + "/q/health/ready").map(response -> parse(name, url, response.statusCode(),
                    response.body())).orElse(new ServiceState(name, url, false, "does not answer", Map.of())));
        }
        return found;
    }

    private ServiceState parse(String name, String url, int status, String body) {
        Map<String, String> checks = new TreeMap<>();
        try {
            JsonNode health = json.readTree(body);
            for (JsonNode check : health.path("checks")) {
                checks.put(check.path("name").asText(), check.path("status").asText());
            }
        } catch (Exception e) {
            // Not the health JSON: the status code alone says it.
        }
        return new ServiceState(name, url, status == 200, status == 200 ? "UP" : "DOWN (" + status + ")", checks);
    }
}
