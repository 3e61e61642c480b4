package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.modulardata.infra.stack.FreePorts;
import io.modulardata.infra.testing.ProcessOutput;

/**
 * The whole platform started by the real {@code infra/platform up} on free ports and a private data
 * folder, as a user would start it, and stopped with {@code infra/platform down --purge}.
 */
final class PlatformProcess implements AutoCloseable {

    static final Path REPO_ROOT = Path.of(System.getProperty("modulardata.repo.root", "..")).toAbsolutePath().normalize();
    private static final String READY_LINE = "Platform ready.";

    private final Map<String, String> environment = new HashMap<>();
    private final Process up;
    private final ProcessOutput output;

    private PlatformProcess(Path dataDir, String... upArgs) throws IOException {
        environment.put("MDP_DATA_DIR", dataDir.toString());
        // An empty home (no ~/.kube/config): deployments go to up's emulated cluster, never to a real one.
        Path home = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-home"));
        environment.put("HOME", home.toString());
        for (String port : List.of("MDP_POSTGRES_PORT", "MDP_KAFKA_PORT", "MDP_KAFKA_CONTROLLER_PORT", "MDP_APICURIO_PORT",
                "MDP_APICURIO_MANAGEMENT_PORT", "MDP_REGISTRY_SERVICE_PORT", "MDP_DEPLOYMENT_SERVICE_PORT",
                "MDP_SECURITY_SERVICE_PORT", "MDP_AUDIT_SERVICE_PORT")) {
            environment.put(port, String.valueOf(FreePorts.pick()));
        }
        List<String> args = new ArrayList<>(List.of("up"));
        args.addAll(List.of(upArgs));
        up = command(args.toArray(String[]::new)).redirectErrorStream(true).start();
        output = ProcessOutput.of(up);
    }

    /** {@code infra/platform up} with {@code upArgs}, once it printed that the platform is ready. */
    static PlatformProcess start(Path dataDir, String... upArgs) throws IOException {
        PlatformProcess platform = new PlatformProcess(dataDir, upArgs);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(platform.up.isAlive()).as("infra/platform up is running; output so far:%n%s", platform.output).isTrue();
            return platform.output.contains(READY_LINE);
        });
        return platform;
    }

    String env(String name) {
        return environment.get(name);
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + env("MDP_KAFKA_PORT");
    }

    String registryUrl() {
        return "http://127.0.0.1:" + env("MDP_APICURIO_PORT") + "/apis/registry/v3";
    }

    Path dataDir() {
        return Path.of(env("MDP_DATA_DIR"));
    }

    String token(String role) throws IOException, InterruptedException {
        Result token = platform("token", "--role", role);
        assertThat(token.exitCode()).as(token.output()).isZero();
        return token.output().trim();
    }

    /** A token of a tenant-scoped role (tenant-admin, tenant-user) bound to {@code tenant}. */
    String token(String role, String tenant) throws IOException, InterruptedException {
        Result token = platform("token", "--role", role, "--tenant", tenant);
        assertThat(token.exitCode()).as(token.output()).isZero();
        return token.output().trim();
    }

    /** Runs a bash script in the repository root with the platform's environment. */
    Result bash(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(REPO_ROOT.toFile());
        builder.environment().putAll(environment);
        return run(builder);
    }

    Result platform(String... args) throws IOException, InterruptedException {
        return run(command(args));
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            Result down = platform("down", "--purge");
            assertThat(down.exitCode()).as(down.output()).isZero();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (up.isAlive()) {
                up.descendants().forEach(ProcessHandle::destroyForcibly);
                up.destroyForcibly();
            }
        }
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(REPO_ROOT.resolve("infra/platform").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO_ROOT.toFile());
        // External servers configured in the caller's environment would change what `up` starts.
        List.of("KAFKA_BOOTSTRAP_SERVERS", "APICURIO_REGISTRY_URL", "POSTGRES_HOST", "KUBECONFIG",
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL").forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        return builder;
    }

    private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", builder.command()).isTrue();
        return new Result(process.exitValue(), text);
    }

    record Result(int exitCode, String output) {
    }
}
