package io.modulardata.infra.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One of the platform's services: its module folder, default port and database (the console has none). A
 * service with {@code metrics} serves them on its management interface, on the port 1000 above unless
 * configured otherwise.
 */
record ServiceSpec(String name, int defaultPort, Optional<String> database, boolean metrics) {

    private static final int MANAGEMENT_PORT_OFFSET = 1000;

    static final ServiceSpec CONSOLE = new ServiceSpec("console", 8085, Optional.empty(), false);

    /** In start order: the console last, as it reads the services' topics and calls them. */
    static final List<ServiceSpec> ALL = List.of(
            withDatabase("registry-service", 8081, "registry"),
            withDatabase("deployment-service", 8082, "deployment"),
            withDatabase("security-service", 8083, "security"),
            withDatabase("audit-service", 8084, "audit"),
            CONSOLE);

    private static ServiceSpec withDatabase(String name, int defaultPort, String database) {
        return new ServiceSpec(name, defaultPort, Optional.of(database), true);
    }

    /** The packaged service, as {@code quarkus-maven-plugin} builds it. */
    Path jar(Path repoRoot) {
        return repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** e.g. {@code MDP_REGISTRY_SERVICE_URL}: where the console reaches this service. */
    String urlVariable() {
        return variablePrefix() + "_URL";
    }

    /** e.g. {@code MDP_REGISTRY_SERVICE_METRICS_URL}: where the console reads this service's metrics. */
    String metricsUrlVariable() {
        return variablePrefix() + "_METRICS_URL";
    }

    /** e.g. {@code MDP_REGISTRY_SERVICE_PORT}. */
    String portVariable() {
        return variablePrefix() + "_PORT";
    }

    int defaultManagementPort() {
        return defaultPort + MANAGEMENT_PORT_OFFSET;
    }

    /** e.g. {@code MDP_REGISTRY_SERVICE_MANAGEMENT_PORT}. */
    String managementPortVariable() {
        return variablePrefix() + "_MANAGEMENT_PORT";
    }

    private String variablePrefix() {
        return "MDP_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
