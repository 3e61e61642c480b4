package io.modulardata.infra.cli;

import io.modulardata.infra.kube.KubernetesEmulatorProcess;
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
    private volatile KubernetesEmulatorProcess emulator;
    private volatile boolean stopping;

    LocalCluster(PlatformSettings settings) {
        this.settings = settings;
    }

    /** Starts the emulator on the configured port, or a free one, and waits for it; returns its URL. */
    String start() {
        int port = FreePorts.orFree(settings.kubernetesPort());
        KubernetesEmulatorProcess launched = KubernetesEmulatorProcess.launch(port, settings.kubernetesReadyDelay(),
                settings.dataDir(), settings.logDir().resolve("kubernetes-emulator.log"));
        synchronized (this) {
            emulator = launched;
            if (stopping) { // Ctrl-C came while it launched: the shutdown may have missed it
                launched.stop();
                throw new IllegalStateException("The platform is stopping; the Kubernetes API emulation was stopped again");
            }
        }
        launched.awaitReady(() -> stopping);
        urlFile(settings.dataDir()).write(launched.url());
        return launched.url();
    }

    /** What deployment-service needs to use the emulator; nothing when a configured cluster is used. */
    Map<String, String> serviceEnvironment() {
        KubernetesEmulatorProcess running = emulator;
        if (running == null) {
            return Map.of();
        }
        // Plain HTTP without credentials: the emulator checks none.
        return Map.of(ClusterChoice.API_SERVER_URL, running.url(),
                "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
    }

    Optional<String> url() {
        return Optional.ofNullable(emulator).map(KubernetesEmulatorProcess::url);
    }

    void stop() {
        KubernetesEmulatorProcess running;
        synchronized (this) {
            stopping = true;
            running = emulator;
        }
        if (running != null) {
            running.stop();
            urlFile(settings.dataDir()).delete();
        }
    }

    /** The URL a running (or crashed) {@code up} recorded, for {@code status}. */
    static Optional<String> recordedUrl(Path dataDir) {
        return urlFile(dataDir).read();
    }

    private static UrlFile urlFile(Path dataDir) {
        return UrlFile.in(dataDir, URL_FILE);
    }
}
