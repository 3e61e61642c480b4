package io.modulardata.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.modulardata.bench.results.Machine;
import io.modulardata.bench.results.Results;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the platform benchmarks against {@code infra/platform up} and writes JSON and Markdown results. */
@Command(name = "platform-benchmarks", mixinStandardHelpOptions = true,
        description = "Benchmarks the whole platform started by infra/platform up (not a test; run on demand; see benchmarks/README.md).")
public final class BenchmarkMain implements Callable<Integer> {

    enum Benchmark { startup, idle, commands, audit, discovery }

    @Option(names = "--only", split = ",", description = "Benchmarks to run (default all): ${COMPLETION-CANDIDATES}")
    List<Benchmark> only = List.of(Benchmark.values());

    @Option(names = "--runs", description = "Runs per figure; the median is reported (default ${DEFAULT-VALUE})")
    int runs = 3;

    @Option(names = "--seconds", description = "Length of each fixed-rate run (default ${DEFAULT-VALUE})")
    int seconds = 10;

    @Option(names = "--warm-up-seconds", description = "POST /components before the figures under load (default ${DEFAULT-VALUE})")
    int warmUpSeconds = 90;

    @Option(names = "--idle-seconds", description = "Length of each at-rest window (default ${DEFAULT-VALUE})")
    int idleSeconds = 60;

    @Option(names = "--rates", split = ",", description = "Arrival rates for POST /components (default ${DEFAULT-VALUE})")
    List<Integer> rates = List.of(250, 1000, 2000);

    @Option(names = "--audit-rate", description = "Command rate for the audit visibility run (default ${DEFAULT-VALUE})")
    int auditRate = 1000;

    @Option(names = "--components", description = "Components for discovery (default ${DEFAULT-VALUE})")
    int components = 100_000;

    @Option(names = "--tenants", description = "Tenants for discovery (default ${DEFAULT-VALUE})")
    int tenants = 1_000;

    @Option(names = "--discovery-rate", description = "Discovery requests per second (default ${DEFAULT-VALUE})")
    int discoveryRate = 500;

    @Option(names = "--results", description = "Folder for the JSON and Markdown results (default ${DEFAULT-VALUE})")
    Path resultsDir = Path.of("benchmarks/results");

    @Option(names = "--repo-root", description = "Repository root (default: current folder)")
    Path repoRoot = Path.of("").toAbsolutePath();

    /** Kafka's clients log every assignment and seek, and warn of offsets of partitions no longer assigned; held here so the setting is not collected. */
    private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

    public static void main(String[] args) {
        KAFKA_LOG.setLevel(Level.SEVERE);
        System.exit(new CommandLine(new BenchmarkMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Results results = new Results();
        Duration duration = Duration.ofSeconds(seconds);
        boolean allRan = true;
        try {
            if (only.contains(Benchmark.startup)) {
                allRan &= attempt(results, "service start", () -> new StartupBenchmark(repoRoot, results).run(runs));
            }
            // These run against a platform under load, after a warm-up; idle runs on the same platform before them.
            boolean underLoad = !Collections.disjoint(only, EnumSet.of(Benchmark.commands, Benchmark.audit, Benchmark.discovery));
            if (underLoad || only.contains(Benchmark.idle)) {
                try (PlatformUnderBench platform = PlatformUnderBench.start(repoRoot)) {
                    if (only.contains(Benchmark.idle)) {
                        // First, on the fresh platform: the warm-up's backlog would still be draining after it.
                        allRan &= attempt(results, "at rest",
                                () -> new IdleCostBenchmark(platform, results).run(runs, Duration.ofSeconds(idleSeconds)));
                    }
                    if (underLoad) {
                        PlatformWarmUp.run(platform, Duration.ofSeconds(warmUpSeconds));
                        results.note("warm-up: " + warmUpSeconds + " s of POST /components at "
                                + PlatformWarmUp.RATE + "/s before the figures under load are taken");
                    }
                    if (only.contains(Benchmark.commands)) {
                        allRan &= attempt(results, "command latency",
                                () -> new CommandLatencyBenchmark(platform, results, repoRoot).run(runs, rates, duration));
                    }
                    if (only.contains(Benchmark.audit)) {
                        allRan &= attempt(results, "command -> audit query",
                                () -> new AuditVisibilityBenchmark(platform, results).run(runs, auditRate, duration));
                    }
                    if (only.contains(Benchmark.discovery)) {
                        allRan &= attempt(results, "discovery",
                                () -> new DiscoveryBenchmark(platform, results).run(runs, components, tenants, discoveryRate, duration));
                    }
                }
            }
        } finally {
            // What was measured is kept even when a later benchmark failed.
            results.print();
            Path written = results.write(resultsDir.isAbsolute() ? resultsDir : repoRoot.resolve(resultsDir), "platform",
                    "Platform benchmarks", Machine.describe());
            System.out.println("Results: " + written + " (and .json beside it)");
        }
        return allRan ? 0 : 1;
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one benchmark; a failure is noted in the results and the next benchmark still runs. */
    private static boolean attempt(Results results, String name, Step step) {
        try {
            step.run();
            return true;
        } catch (Exception e) {
            e.printStackTrace();
            results.note(name + " FAILED: " + e.getMessage());
            return false;
        }
    }
}
