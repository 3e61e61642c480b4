package io.modulardata.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The scrape configuration {@code up --with-prometheus} runs: {@code infra/monitoring/prometheus.yml} with each
 * service's default management port replaced by those its instances run on, and the alert rules named by
 * absolute path.
 */
final class PrometheusConfig {

    static final String TEMPLATE = "infra/monitoring/prometheus.yml";
    static final String RULES = "alerts.yml";

    private PrometheusConfig() {
    }

    static Path monitoringDir(Path repoRoot) {
        return repoRoot.resolve(TEMPLATE).getParent();
    }

    /** Writes the configuration for these settings and {@code replicas} instances per service into {@code target}. */
    static void write(PlatformSettings settings, int replicas, Path target) {
        try {
            String template = Files.readString(settings.repoRoot().resolve(TEMPLATE));
            Files.createDirectories(target.getParent());
            Files.writeString(target, render(template, settings, replicas));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Prometheus configuration " + target, e);
        }
    }

    static String render(String template, PlatformSettings settings, int replicas) {
        String rendered = template.replace("- " + RULES, "- " + monitoringDir(settings.repoRoot()).resolve(RULES));
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (!service.metrics()) {
                continue;
            }
            String target = "'127.0.0.1:" + service.defaultManagementPort() + "'";
            if (!rendered.contains(target)) {
                throw new IllegalStateException(TEMPLATE + " has no target " + target + " for " + service.name());
            }
            String targets = settings.instances(service, replicas).stream()
                    .map(instance -> "'127.0.0.1:" + instance.managementPort() + "'")
                    .collect(Collectors.joining(", "));
            rendered = rendered.replace(target, targets);
        }
        return rendered;
    }
}
