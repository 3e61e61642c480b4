package io.modulardata.infra.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** One of the platform's services: its module folder, default port and database. */
record ServiceSpec(String name, int defaultPort, String database) {

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
        return "MDP_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }
}
