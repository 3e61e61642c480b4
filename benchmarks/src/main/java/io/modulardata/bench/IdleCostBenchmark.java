package io.modulardata.bench;

import java.time.Duration;
import java.util.Map;

import io.modulardata.bench.results.Results;

/**
 * What a platform at rest costs: the cores each part keeps busy over a minute without a single request,
 * after the platform has settled. Each service's own tick (the outbox relay's poll, the rollout executor,
 * metrics gauges) and its Kafka consumers' fetches show here, and so does Kafka's cost of answering them.
 */
final class IdleCostBenchmark {

    private static final String NAME = "at rest";
    /** Consumer groups join, first gauges and caches fill, the JIT calms down. */
    static final Duration SETTLE = Duration.ofSeconds(60);
    /** Each service at rest should cost next to nothing. */
    private static final double SERVICE_TARGET_CORES = 0.01;

    private final PlatformUnderBench platform;
    private final Results results;

    IdleCostBenchmark(PlatformUnderBench platform, Results results) {
        this.platform = platform;
        this.results = results;
    }

    void run(int runs, Duration window) throws InterruptedException {
        CpuMeter cpu = platform.cpuMeter();
        Thread.sleep(SETTLE.toMillis());
        for (int run = 1; run <= runs; run++) {
            Map<String, Duration> before = cpu.read();
            long started = System.nanoTime();
            Thread.sleep(window.toMillis());
            Map<String, Double> cores = CpuMeter.coresBusy(before, cpu.read(), Duration.ofNanos(System.nanoTime() - started));
            cores.forEach((part, busy) -> results.figure(NAME, "cores busy, " + part, "cores",
                    PlatformUnderBench.SERVICES.contains(part) || part.equals("console") ? SERVICE_TARGET_CORES : null, true)
                    .add(busy));
            System.out.printf("%s run %d/%d: %s%n", NAME, run, runs, cores);
        }
        results.note(NAME + ": no requests at all; " + SETTLE.toSeconds() + " s after the platform is up, then CPU time of each "
                + "process (from /proc) over " + window.toSeconds() + " s windows, divided by the window's length. The load "
                + "generator only sleeps; 'other' is the infra/platform CLI and the Kubernetes emulation.");
    }
}
