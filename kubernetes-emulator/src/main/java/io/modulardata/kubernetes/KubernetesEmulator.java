package io.modulardata.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local Kubernetes API emulation, run by {@code infra/platform up} as its own JVM (infra's
 * {@code KubernetesEmulatorProcess} launches it): the fabric8 mock API server in CRUD mode (it stores what it is
 * sent and serves it back, with watches, but runs no controllers) plus {@link DeploymentReadinessController}.
 * Two image tags mark failure paths: {@link NeverReadyImage} (never ready) and {@link RefusedImage} (the API
 * server refuses the Deployment, as an admission webhook would).
 * <p>
 * Arguments: {@code <port> <ready delay in milliseconds>}. Runs until SIGTERM.
 */
public final class KubernetesEmulator implements AutoCloseable {

    /** Printed once the API answers; the log shows it. */
    static final String READY_LINE = "Kubernetes API emulation ready at ";
    /** Held here because java.util.logging keeps loggers only weakly. */
    private static final Logger MOCK_SERVER_LOGGER = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final DeploymentReadinessController controller;

    private KubernetesEmulator(KubernetesMockServer server, Duration readyDelay) {
        this.server = server;
        this.client = server.createClient();
        this.controller = new DeploymentReadinessController(client, readyDelay).start();
    }

    /** Binds the API to 127.0.0.1:{@code port} over plain HTTP (0 picks a free port). */
    public static KubernetesEmulator start(int port, Duration readyDelay) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new AdmittingCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        return new KubernetesEmulator(server, readyDelay);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        controller.close();
        client.close();
        server.destroy();
    }

    public static void main(String[] args) throws InterruptedException {
        // The mock server logs every request at INFO: with the controller polling, that is 5 lines a second.
        MOCK_SERVER_LOGGER.setLevel(Level.WARNING);
        if (args.length != 2) {
            System.err.println("usage: KubernetesEmulator <port> <ready delay in milliseconds>");
            System.exit(2);
        }
        KubernetesEmulator emulator = start(Integer.parseInt(args[0]), Duration.ofMillis(Long.parseLong(args[1])));
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "emulator-shutdown"));
        System.out.println(READY_LINE + emulator.url() + " (Deployments become ready after " + args[1]
                + " ms, never those running an image tagged " + NeverReadyImage.TAG + "; those tagged " + RefusedImage.TAG
                + " are refused)");
        new CountDownLatch(1).await(); // until SIGTERM runs the shutdown hook
    }
}
