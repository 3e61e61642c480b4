package io.modulardata.infra.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which Kubernetes cluster deployment-service talks to. A configured one (an explicit API server
 * URL, {@code KUBECONFIG}, or {@code ~/.kube/config}) is used as it is; without one, {@code up}
 * starts the local emulation.
 */
final class ClusterChoice {

    static final String API_SERVER_URL = "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL";

    private ClusterChoice() {
    }

    /** A description of the configured cluster, or empty when there is none and the emulation is needed. */
    static Optional<String> configuredCluster(Map<String, String> env, Path userHome) {
        Optional<String> apiServer = nonBlank(env.get(API_SERVER_URL));
        if (apiServer.isPresent()) {
            return Optional.of("API server " + apiServer.get() + " (" + API_SERVER_URL + ")");
        }
        Optional<String> kubeconfig = nonBlank(env.get("KUBECONFIG"));
        if (kubeconfig.isPresent()) {
            return Optional.of("kubeconfig " + kubeconfig.get() + " (KUBECONFIG, current context)");
        }
        Path defaultConfig = userHome.resolve(".kube").resolve("config");
        if (Files.isRegularFile(defaultConfig)) {
            return Optional.of("kubeconfig " + defaultConfig + " (current context)");
        }
        return Optional.empty();
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
