package io.modulardata.infra.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.modulardata.infra.stack.FreePorts;
import io.modulardata.infra.token.JwtKeys;
import io.modulardata.infra.token.Role;
import io.modulardata.infra.token.TokenIssuer;

/**
 * The whole platform started by the real {@code infra/platform up}, as README.md tells an operator, on
 * free ports, a private data folder and an empty home (no ~/.kube/config, so deployments go to up's
 * emulated cluster, never to a real one); stopped and purged by {@code infra/platform down --purge}.
 * Shared by the system tests and the benchmarks.
 */
public final class PlatformLauncher implements AutoCloseable {

    public static final List<String> SERVICES = List.of("registry-service", "deployment-service", "security-service",
            "audit-service");
    /** The operators' web console, which `up` starts after the services. */
    public static final String CONSOLE = "console";
    private static final String READY_LINE = "Platform ready.";
    private static final List<String> SERVER_PORTS = List.of("MDP_POSTGRES_PORT", "MDP_KAFKA_PORT",
            "MDP_KAFKA_CONTROLLER_PORT", "MDP_APICURIO_PORT", "MDP_APICURIO_MANAGEMENT_PORT", "MDP_KUBERNETES_PORT",
            "MDP_KEYCLOAK_PORT", "MDP_KEYCLOAK_MANAGEMENT_PORT");
    /** Settings in the caller's environment that would make `up` use other servers, a real cluster or another issuer. */
    private static final List<String> FOREIGN_SETTINGS = List.of("MDP_KAFKA_BOOTSTRAP_SERVERS", "MDP_APICURIO_REGISTRY_URL",
            "MDP_POSTGRES_HOST", "KAFKA_BOOTSTRAP_SERVERS", "APICURIO_REGISTRY_URL", "POSTGRES_HOST", "KUBECONFIG",
            "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", "MDP_OIDC_ISSUER");

    private final Path repoRoot;
    private final Map<String, String> environment = new HashMap<>();
    private final Process up;
    private final ProcessOutput output;

    private PlatformLauncher(Path repoRoot, Path dataDir, Map<String, String> settings, List<String> upArgs) throws IOException {
        this.repoRoot = repoRoot;
        environment.putAll(settings);
        environment.put("MDP_DATA_DIR", dataDir.toString());
        Path home = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-home"));
        environment.put("HOME", home.toString());
        // Ports the caller chose (e.g. the Kubernetes emulation's, to point a service at it) are kept.
        for (String port : SERVER_PORTS) {
            environment.putIfAbsent(port, String.valueOf(FreePorts.pick()));
        }
        for (String service : SERVICES) {
            environment.putIfAbsent(portVariable(service), String.valueOf(FreePorts.pick()));
            environment.putIfAbsent(managementPortVariable(service), String.valueOf(FreePorts.pick()));
        }
        environment.putIfAbsent(portVariable(CONSOLE), String.valueOf(FreePorts.pick()));
        List<String> args = new ArrayList<>(List.of("up"));
        args.addAll(upArgs);
        up = command(args.toArray(String[]::new)).redirectErrorStream(true).start();
        output = ProcessOutput.of(up);
    }

    /** Runs {@code infra/platform up upArgs} and returns once it printed that the platform is ready. */
    public static PlatformLauncher start(Path repoRoot, Path dataDir, Duration timeout, String... upArgs)
            throws IOException, InterruptedException {
        return start(repoRoot, dataDir, Map.of(), timeout, upArgs);
    }

    /**
     * The same with extra settings for {@code up} (e.g. MDP_KUBERNETES_READY_DELAY, or a port the caller
     * picked); every other port is a free one, and the data folder and home are always the launcher's.
     */
    public static PlatformLauncher start(Path repoRoot, Path dataDir, Map<String, String> settings, Duration timeout,
            String... upArgs) throws IOException, InterruptedException {
        PlatformLauncher platform = new PlatformLauncher(repoRoot, dataDir, settings, List.of(upArgs));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!platform.output.contains(READY_LINE)) {
            if (!platform.up.isAlive() || System.nanoTime() > deadline) {
                String printed = platform.output.toString();
                platform.close();
                throw new IllegalStateException("infra/platform up did not get ready; its output:\n" + printed);
            }
            Thread.sleep(200);
        }
        return platform;
    }

    public String env(String name) {
        return environment.get(name);
    }

    /** The variables `up` was started with (data folder, home, ports). */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public Path dataDir() {
        return Path.of(env("MDP_DATA_DIR"));
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + env("MDP_KAFKA_PORT");
    }

    public String registryUrl() {
        return "http://127.0.0.1:" + env("MDP_APICURIO_PORT") + "/apis/registry/v3";
    }

    /** e.g. {@code http://127.0.0.1:41234} for registry-service (or the console). */
    public String serviceUrl(String service) {
        return "http://127.0.0.1:" + env(portVariable(service));
    }

    /** The service's management interface, where its metrics are: e.g. {@code http://127.0.0.1:41235/q/metrics}. */
    public String managementUrl(String service) {
        return "http://127.0.0.1:" + env(managementPortVariable(service));
    }

    /**
     * A token signed with the platform's own key and issuer, as {@code infra/platform token --role} prints it, without
     * starting a JVM for it (tests ask for dozens).
     */
    public String token(Role role, String tenant) {
        JwtKeys keys = JwtKeys.loadOrCreate(dataDir().resolve("jwt"));
        String issuer = environment.getOrDefault("MDP_JWT_ISSUER", TokenIssuer.DEFAULT_ISSUER);
        return new TokenIssuer(keys.privateKey(), issuer).issue(role, tenant, null, Duration.ofHours(4));
    }

    /** What `up` printed so far. */
    public String output() {
        return output.toString();
    }

    public Process process() {
        return up;
    }

    /** {@code infra/platform args...} with the platform's environment, to start. */
    public ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(repoRoot.resolve("infra/platform").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile());
        FOREIGN_SETTINGS.forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        return builder;
    }

    /** {@code infra/platform down --purge}, then makes sure nothing `up` started is left; returns down's exit code. */
    public int stop() throws IOException, InterruptedException {
        try {
            Process down = command("down", "--purge").redirectErrorStream(true).start();
            down.getInputStream().transferTo(System.out);
            boolean finished = down.waitFor(2, TimeUnit.MINUTES);
            up.waitFor(1, TimeUnit.MINUTES);
            return finished ? down.exitValue() : -1;
        } finally {
            if (up.isAlive()) {
                up.descendants().forEach(ProcessHandle::destroyForcibly);
                up.destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    public static String portVariable(String service) {
        return "MDP_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    public static String managementPortVariable(String service) {
        return "MDP_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_MANAGEMENT_PORT";
    }
}
