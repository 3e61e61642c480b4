package io.modulardata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modulardata.infra.stack.FreePorts;
import io.modulardata.infra.testing.ProcessOutput;
import io.modulardata.infra.token.JwtKeys;
import io.modulardata.infra.token.Role;
import io.modulardata.infra.token.TokenIssuer;

/**
 * The whole platform started by {@code infra/platform up}, exactly as README.md tells an operator, on
 * free ports and a private data folder; stopped and purged by {@code infra/platform down --purge}.
 */
final class PlatformUnderBench implements AutoCloseable {

    static final List<String> SERVICES = List.of("registry-service", "deployment-service", "security-service", "audit-service");
    private static final String READY_LINE = "Platform ready.";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern STARTED = Pattern.compile("Starting (\\S+-service) on \\S+ \\.\\.\\. ok \\(([0-9.]+) s\\)");

    private final Path repoRoot;
    private final Map<String, String> environment = new HashMap<>();
    private final Process up;
    private final ProcessOutput output;

    private PlatformUnderBench(Path repoRoot) throws IOException {
        this.repoRoot = repoRoot;
        environment.put("MDP_DATA_DIR", Files.createTempDirectory("mdp-bench-").toString());
        environment.put("JWT_ISSUER", TokenIssuer.DEFAULT_ISSUER);
        for (String service : SERVICES) {
            environment.put(portVariable(service), String.valueOf(FreePorts.pick()));
        }
        for (String port : List.of("MDP_POSTGRES_PORT", "MDP_KAFKA_PORT", "MDP_KAFKA_CONTROLLER_PORT",
                "MDP_APICURIO_PORT", "MDP_APICURIO_MANAGEMENT_PORT")) {
            environment.put(port, String.valueOf(FreePorts.pick()));
        }
        up = command("up").redirectErrorStream(true).start();
        output = ProcessOutput.of(up);
    }

    static PlatformUnderBench start(Path repoRoot) throws IOException, InterruptedException {
        PlatformUnderBench platform = new PlatformUnderBench(repoRoot);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!platform.output.contains(READY_LINE)) {
            if (!platform.up.isAlive() || System.nanoTime() > deadline) {
                platform.close();
                throw new IllegalStateException("infra/platform up did not get ready:\n" + platform.output);
            }
            Thread.sleep(200);
        }
        return platform;
    }

    String url(String service) {
        return "http://127.0.0.1:" + environment.get(portVariable(service));
    }

    /** Seconds from launch to ready, as {@code infra/platform up} printed them. */
    Map<String, Double> startSeconds() {
        Map<String, Double> seconds = new HashMap<>();
        Matcher matcher = STARTED.matcher(output.toString());
        while (matcher.find()) {
            seconds.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return seconds;
    }

    /** Resident memory of the service's JVM in MB, read from /proc. */
    double rssMegabytes(String service) {
        ProcessHandle process = up.descendants()
                .filter(handle -> handle.info().commandLine().orElse("").contains(service + "/target/quarkus-app/quarkus-run.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException(service + " is not running under infra/platform up; its output:\n"
                        + output));
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token signed with the platform's own key, as {@code infra/platform token} would print it. */
    String token(Role role, String tenant) {
        JwtKeys keys = JwtKeys.loadOrCreate(Path.of(environment.get("MDP_DATA_DIR"), "jwt"));
        return new TokenIssuer(keys.privateKey(), TokenIssuer.DEFAULT_ISSUER).issue(role, tenant, null, Duration.ofHours(4));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process down = command("down", "--purge").redirectErrorStream(true).start();
        down.getInputStream().transferTo(System.out);
        down.waitFor(2, TimeUnit.MINUTES);
        if (!up.waitFor(1, TimeUnit.MINUTES)) {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(repoRoot.resolve("infra/platform").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile());
        List.of("KAFKA_BOOTSTRAP_SERVERS", "APICURIO_REGISTRY_URL", "POSTGRES_HOST").forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        return builder;
    }

    private static String portVariable(String service) {
        return "MDP_" + service.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }
}
