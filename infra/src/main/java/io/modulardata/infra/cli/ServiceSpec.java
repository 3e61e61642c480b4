package io.modulardata.infra.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One of the platform's services: its module folder, default port and database. Its management interface
 * (metrics) listens on the port 1000 above, unless configured otherwise.
 */
record ServiceSpec(String name, int defaultPort, String database) {

    private static final int MANAGEMENT_PORT_OFFSET = 1000;

    static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("registry-service", 8081, "registry"),
            new ServiceSpec("deployment-service", 8082, "deployment"),
            new ServiceSpec("security-service", 8083, "security"),
            new ServiceSpec("audit-service", 8084, "audit"));

    /** The packaged service, as {@code quarkus-maven-plugin} builds it. */
    Path jar(Path repoRoot) {
        return repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
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
