package io.modulardata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modulardata.fixtures.PlatformLauncher;
import io.modulardata.infra.stack.ProcessCommandLine;
import io.modulardata.infra.token.Role;

/**
 * The platform the benchmarks measure: {@code infra/platform up} as README.md tells an operator (see
 * {@link PlatformLauncher}), plus what the benchmarks read off it: start times and resident memory.
 */
final class PlatformUnderBench implements AutoCloseable {

    static final List<String> SERVICES = PlatformLauncher.SERVICES;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern STARTED = Pattern.compile("Starting (\\S+-service) on \\S+(?: with [^\\n]*?)? \\.\\.\\. ok, ready in ([0-9.]+) s");

    private final PlatformLauncher platform;

    private PlatformUnderBench(PlatformLauncher platform) {
        this.platform = platform;
    }

    static PlatformUnderBench start(Path repoRoot) throws IOException, InterruptedException {
        return start(repoRoot, Map.of());
    }

    /** With extra settings for {@code up}, e.g. MDP_SERVICE_JAVA_HOME to run the services on another JDK. */
    static PlatformUnderBench start(Path repoRoot, Map<String, String> settings) throws IOException, InterruptedException {
        // One by one: each service's start is measured alone on the CPU, not beside the others'.
        return new PlatformUnderBench(PlatformLauncher.start(repoRoot, Files.createTempDirectory("mdp-bench-"), settings,
                START_TIMEOUT, "--one-by-one"));
    }

    String url(String service) {
        return platform.serviceUrl(service);
    }

    /** The service's Prometheus scrape, on its management interface. */
    String metricsUrl(String service) {
        return platform.managementUrl(service) + "/q/metrics";
    }

    String kafkaBootstrapServers() {
        return platform.kafkaBootstrapServers();
    }

    int postgresPort() {
        return Integer.parseInt(platform.env("MDP_POSTGRES_PORT"));
    }

    String token(Role role, String tenant) {
        return platform.token(role, tenant);
    }

    /** Seconds from launch to ready, as {@code infra/platform up} printed them. */
    Map<String, Double> startSeconds() {
        Map<String, Double> seconds = new HashMap<>();
        Matcher matcher = STARTED.matcher(platform.output());
        while (matcher.find()) {
            seconds.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return seconds;
    }

    /** CPU time per part of this platform, for {@link CpuMeter} readings. */
    CpuMeter cpuMeter() {
        return new CpuMeter(platform.process().toHandle(), platform.dataDir());
    }

    /** Resident memory of the service's JVM in MB, read from /proc. */
    double rssMegabytes(String service) {
        ProcessHandle process = platform.process().descendants()
                .filter(handle -> ProcessCommandLine.of(handle).contains(service + "/target/quarkus-app/quarkus-run.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException(service + " is not running under infra/platform up; its output:\n"
                        + platform.output()));
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        platform.close();
    }
}
