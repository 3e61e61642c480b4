package io.modulardata.infra.cli;

import io.modulardata.kubernetes.NeverReadyImage;
import io.modulardata.infra.oidc.DemoUsers;
import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.infra.stack.LocalStack;
import io.modulardata.infra.stack.PostgresAddress;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The table of addresses {@code up} prints once everything answers. */
final class Summary {

    private Summary() {
    }

    static void print(PrintStream out, PlatformSettings settings, LocalStack stack, LocalCluster cluster,
                      List<ServiceInstance> services, Path publicKey) {
        PostgresAddress postgres = stack.postgres();
        out.println();
        out.println("Modular Data Platform is up. Data: " + settings.dataDir() + "  Logs: " + settings.logDir());
        out.println();
        row(out, "Kafka", stack.kafkaBootstrapServers(), origin(settings.externalKafka().isPresent()));
        row(out, "Apicurio Registry", "API " + stack.registryUrl(), origin(settings.externalRegistry().isPresent()));
        row(out, "", "(the 3.0.x server ships no web UI; browse the API or use the REST client)", "");
        row(out, "PostgreSQL", postgres.host() + ":" + postgres.port() + "  user " + postgres.user()
                + "  password " + postgres.password(), origin(settings.externalPostgres().isPresent()));
        row(out, "", "databases " + String.join(", ", UpCommand.DATABASES), "");
        if (settings.externalPostgres().isEmpty()) {
            row(out, "", "each service logs in as <database>_runtime; Flyway as the owner, <database>_owner", "");
        }
        kubernetes(out, settings, cluster);
        for (ServiceInstance instance : services) {
            String base = instance.baseUrl();
            row(out, instance.name(), base, "started here");
            if (!instance.service().metrics()) {
                row(out, "", "the operators' web console: open it in a browser, sign in with a token", "");
                continue;
            }
            row(out, "", "openapi " + base + "/q/openapi", "");
            row(out, "", "health  " + base + "/q/health", "");
            row(out, "", "metrics " + instance.metricsUrl() + " (management port)", "");
        }
        row(out, "JWT public key", publicKey.toString(), "");
        row(out, "", "get a token: infra/platform token --role platform-admin", "");
        out.println();
    }

    /** After the table: where Keycloak runs ({@code up --with-keycloak}) and how to get its tokens. */
    static void keycloak(PrintStream out, PlatformSettings settings, String issuer) {
        String url = KeycloakServer.url(settings.keycloakPort());
        row(out, "Keycloak", url + "/admin  (admin console: " + KeycloakServer.ADMIN_USER + " / "
                + KeycloakServer.ADMIN_PASSWORD + ")", "started here");
        row(out, "", "services trust MDP_OIDC_ISSUER=" + issuer + " beside the local signer", "");
        row(out, "", "demo users (password = user name): " + DemoUsers.of(KeycloakServer.REALM).names(), "");
        row(out, "", "get a token: infra/platform token --user acme-admin", "");
        out.println();
    }

    /** After the table: where Prometheus runs ({@code up --with-prometheus}). */
    static void prometheus(PrintStream out, String url) {
        row(out, "Prometheus", url, "started here");
        row(out, "", "alerts " + url + "/alerts, targets " + url + "/targets (rules: infra/monitoring)", "");
        out.println();
    }

    private static void kubernetes(PrintStream out, PlatformSettings settings, LocalCluster cluster) {
        if (settings.configuredCluster().isPresent()) {
            row(out, "Kubernetes", settings.configuredCluster().get(), "external");
            return;
        }
        row(out, "Kubernetes", "EMULATED cluster, API " + cluster.url().orElse("?"), "started here");
        row(out, "", "fabric8 mock API server: stores objects, runs no pods; Deployments report", "");
        row(out, "", "ready " + settings.kubernetesReadyDelay().toMillis() + " ms after each change (never with image tag "
                + NeverReadyImage.TAG + "). Look inside:", "");
        row(out, "", "curl " + cluster.url().orElse("?") + "/apis/apps/v1/deployments", "");
    }

    private static String origin(boolean external) {
        return external ? "external" : "started here";
    }

    private static void row(PrintStream out, String name, String address, String origin) {
        out.println(String.format("  %-20s %-62s %s", name, address, origin).stripTrailing());
    }
}
