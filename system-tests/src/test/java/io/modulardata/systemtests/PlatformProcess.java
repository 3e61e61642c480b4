package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.modulardata.infra.stack.FreePorts;

/**
 * The whole platform started by the real {@code infra/platform up} on free ports and a private data
 * folder, as a user would start it, and stopped with {@code infra/platform down --purge}.
 */
final class PlatformProcess implements AutoCloseable {

    static final Path REPO_ROOT = Path.of(System.getProperty("modulardata.repo.root", "..")).toAbsolutePath().normalize();
    private static final String READY_LINE = "Platform ready.";

    private final Map<String, String> environment = new HashMap<>();
    private final StringBuffer output = new StringBuffer();
    private final Process up;

    private PlatformProcess(Path dataDir) throws IOException {
        environment.put("MDP_DATA_DIR", dataDir.toString());
        for (String port : List.of("MDP_POSTGRES_PORT", "MDP_KAFKA_PORT", "MDP_KAFKA_CONTROLLER_PORT", "MDP_APICURIO_PORT",
                "MDP_APICURIO_MANAGEMENT_PORT", "MDP_REGISTRY_SERVICE_PORT", "MDP_DEPLOYMENT_SERVICE_PORT",
                "MDP_SECURITY_SERVICE_PORT", "MDP_AUDIT_SERVICE_PORT")) {
            environment.put(port, String.valueOf(FreePorts.pick()));
        }
        up = command("up").redirectErrorStream(true).start();
        collect(up, output);
    }

    static PlatformProcess start(Path dataDir) throws IOException {
        PlatformProcess platform = new PlatformProcess(dataDir);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(platform.up.isAlive()).as("infra/platform up is running; output so far:%n%s", platform.output).isTrue();
            return platform.output.toString().contains(READY_LINE);
        });
        return platform;
    }

    String env(String name) {
        return environment.get(name);
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
        List.of("KAFKA_BOOTSTRAP_SERVERS", "APICURIO_REGISTRY_URL", "POSTGRES_HOST").forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        return builder;
    }

    private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", builder.command()).isTrue();
        return new Result(process.exitValue(), text);
    }

    private static void collect(Process process, StringBuffer output) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> output.append(line).append('\n'));
            } catch (IOException e) {
                output.append("(output closed: ").append(e.getMessage()).append(")\n");
            }
        }, "platform-up-output");
        reader.setDaemon(true);
        reader.start();
    }

    record Result(int exitCode, String output) {
    }
}
