package io.modulardata.infra.cli;

import io.modulardata.infra.stack.KubernetesEmulatorProcess;
import io.modulardata.infra.stack.FreePorts;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes API emulation as {@code up} runs it: started when no cluster is configured, its URL
 * kept in {@code <data folder>/kubernetes-emulator.url} for {@code status}, and handed to the services.
 */
final class LocalCluster {

    private static final String URL_FILE = "kubernetes-emulator.url";

    private final PlatformSettings settings;
    private final RecordedServer<KubernetesEmulatorProcess> emulator;

    LocalCluster(PlatformSettings settings) {
        this.settings = settings;
        this.emulator = new RecordedServer<>(settings.dataDir(), URL_FILE);
    }

    /** Starts the emulator on the configured port, or a free one, and waits for it; returns its URL. */
    String start() {
        int port = FreePorts.orFree(settings.kubernetesPort());
        KubernetesEmulatorProcess launched = emulator.hold(KubernetesEmulatorProcess.launch(port,
                settings.kubernetesReadyDelay(), settings.dataDir(), settings.logDir().resolve("kubernetes-emulator.log")));
        launched.awaitReady(emulator::stopping);
        emulator.ready(launched.url());
        return launched.url();
    }

    /** What deployment-service needs to use the emulator; nothing when a configured cluster is used. */
    Map<String, String> serviceEnvironment() {
        KubernetesEmulatorProcess running = emulator.server().orElse(null);
        if (running == null) {
            return Map.of();
        }
        // Plain HTTP without credentials: the emulator checks none.
        return Map.of(ClusterChoice.API_SERVER_URL, running.url(),
                "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
    }

    Optional<String> url() {
        return emulator.server().map(KubernetesEmulatorProcess::url);
    }

    void stop() {
        emulator.stop();
    }

    /** The URL a running (or crashed) {@code up} recorded, for {@code status}. */
    static Optional<String> recordedUrl(Path dataDir) {
        return RecordedServer.recordedUrl(dataDir, URL_FILE);
    }
}
