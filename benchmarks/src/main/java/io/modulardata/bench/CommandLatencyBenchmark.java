package io.modulardata.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modulardata.bench.results.Results;
import io.modulardata.infra.token.Role;

/**
 * POST /components at fixed arrival rates: p50 and p99 of the whole command (validation, event store,
 * read model and outbox in one transaction). GET /q/health/live at 1,000/s in the same run is the
 * HTTP floor of this machine, the baseline the command's p99 is compared with.
 */
final class CommandLatencyBenchmark {

    private static final String NAME = "command latency (POST /components)";

    private final PlatformUnderBench platform;
    private final Results results;

    CommandLatencyBenchmark(PlatformUnderBench platform, Results results) {
        this.platform = platform;
        this.results = results;
    }

    void run(int runs, List<Integer> rates, Duration duration) {
        String admin = platform.token(Role.PLATFORM_ADMIN, null);
        CpuMeter cpu = platform.cpuMeter();
        try (Api registry = new Api(platform.url("registry-service"))) {
            for (int run = 1; run <= runs; run++) {
                FixedRateLoad.awaitIdle(() -> registry.get("/q/health/live", admin));
                FixedRateLoad.Outcome floor = FixedRateLoad.run(1000, duration, i -> registry.get("/q/health/live", admin));
                record("baseline GET /q/health/live 1000/s", floor, null);
                for (int rate : rates) {
                    String prefix = "c" + run + "r" + rate + "-";
                    FixedRateLoad.awaitIdle(() -> registry.get("/q/health/live", admin));
                    Map<String, Duration> cpuBefore = cpu.read();
                    long started = System.nanoTime();
                    FixedRateLoad.Outcome outcome = FixedRateLoad.run(rate, duration, i -> registry.send("POST", "/components",
                            admin, Bodies.component(prefix + i, i), null));
                    recordCpu(rate + "/s", CpuMeter.coresBusy(cpuBefore, cpu.read(), Duration.ofNanos(System.nanoTime() - started)));
                    record(rate + "/s", outcome, rate == 1000 ? 25.0 : null);
                    if (rate == 1000) {
                        results.figure(NAME, "1000/s p99 / baseline p99", "x", null, true)
                                .add(FixedRateLoad.millis(outcome.latencies(), 99) / FixedRateLoad.millis(floor.latencies(), 99));
                    }
                }
            }
        }
        results.note(NAME + ": open-loop arrivals, latency counted from each request's due time (HdrHistogram); "
                + "the baseline is the same HTTP client and server answering a health check. Cores busy: CPU time of each "
                + "process (from /proc) during the run divided by its length; this machine has "
                + Runtime.getRuntime().availableProcessors() + " cores.");
    }

    /**
     * How many of the machine's cores each part kept busy during the run: the relay, Kafka, the consumers
     * and the load generator share the box with the command path, and "all" near the core count means
     * the latency is queueing for CPU.
     */
    private void recordCpu(String label, Map<String, Double> coresBusy) {
        coresBusy.forEach((part, cores) -> results.figure(NAME, label + " cores busy, " + part, "cores", null, true).add(cores));
    }

    private void record(String label, FixedRateLoad.Outcome outcome, Double p99Target) {
        results.figure(NAME, label + " p50", "ms", null, true).add(FixedRateLoad.millis(outcome.latencies(), 50));
        results.figure(NAME, label + " p99", "ms", p99Target, true).add(FixedRateLoad.millis(outcome.latencies(), 99));
        results.figure(NAME, label + " achieved rate", "req/s", null, false).add(outcome.achievedRate());
        results.figure(NAME, label + " failed", "requests", null, true).add(outcome.failed());
        if (outcome.firstFailure() != null) {
            results.note(NAME + " " + label + ": first failure " + outcome.firstFailure());
        }
    }
}
