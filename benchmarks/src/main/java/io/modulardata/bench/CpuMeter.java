package io.modulardata.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.modulardata.infra.stack.ProcessCommandLine;

/**
 * CPU time spent by each part of the platform (the four services, PostgreSQL, Kafka, the schema
 * registry) and by the load generator itself between two readings. On a box with two cores the
 * latency figures only make sense next to where the CPU went.
 */
final class CpuMeter {

    static final String LOAD_GENERATOR = "load generator";
    static final String POSTGRES = "postgres";
    static final String KAFKA = "kafka";
    private static final String OTHER = "other";
    static final double SETTLED_CORES = 0.5;
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(90);

    /** A process's part and the CPU time last read of it. */
    private record Seen(String part, Duration cpu) {
    }

    private final Map<String, Seen> seen = new HashMap<>();
    private final ProcessHandle platform;
    private final Path dataDir;

    /** PostgreSQL detaches from {@code up}, so its processes are found by the platform's data folder. */
    CpuMeter(ProcessHandle platform, Path dataDir) {
        this.platform = platform;
        this.dataDir = dataDir;
    }

    /**
     * CPU time consumed so far, summed per part. A process that exited since an earlier reading (a database
     * connection's backend, say) keeps the time that reading saw: read often enough around short-lived work.
     */
    Map<String, Duration> read() {
        Map<Long, ProcessHandle> processes = new HashMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), platform.descendants()).forEach(process -> processes.put(process.pid(), process));
        ProcessCommandLine.mentioning(dataDir).stream()
                .flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
                .forEach(process -> processes.put(process.pid(), process));
        processes.values().forEach(process -> process.info().totalCpuDuration().ifPresent(cpu -> seen.compute(
                process.pid() + "@" + process.info().startInstant().orElse(null),
                (key, earlier) -> new Seen(earlier != null ? earlier.part() : part(process), cpu))));
        Map<String, Duration> byPart = new TreeMap<>();
        seen.values().forEach(process -> byPart.merge(process.part(), process.cpu(), Duration::plus));
        return byPart;
    }

    /** Cores kept busy between two readings taken {@code elapsed} apart, per part, plus their sum. */
    static Map<String, Double> coresBusy(Map<String, Duration> before, Map<String, Duration> after, Duration elapsed) {
        Map<String, Double> cores = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Duration> entry : spent(before, after).entrySet()) {
            double busy = (double) entry.getValue().toNanos() / elapsed.toNanos();
            cores.put(entry.getKey(), busy);
            total += busy;
        }
        cores.put("all", total);
        return cores;
    }

    /** CPU time each part spent between two readings. */
    static Map<String, Duration> spent(Map<String, Duration> before, Map<String, Duration> after) {
        Map<String, Duration> spent = new LinkedHashMap<>();
        after.forEach((part, cpu) -> spent.put(part, cpu.minus(before.getOrDefault(part, Duration.ZERO))));
        return spent;
    }

    /** CPU time of every part but the load generator between two readings. */
    static long platformNanos(Map<String, Duration> before, Map<String, Duration> after) {
        return spent(before, after).entrySet().stream().filter(entry -> !entry.getKey().equals(LOAD_GENERATOR))
                .mapToLong(entry -> entry.getValue().toNanos()).sum();
    }

    /**
     * Reads once the platform has settled after a load: a second in which all its parts (not the load generator)
     * kept fewer than {@link #SETTLED_CORES} busy, or after {@link #SETTLE_LIMIT}. At rest the whole platform keeps
     * about 0.3 cores busy (benchmarks/README.md).
     */
    static Map<String, Duration> settled(CpuMeter meter) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        Map<String, Duration> last = meter.read();
        while (true) {
            long started = System.nanoTime();
            Thread.sleep(1000);
            Map<String, Duration> now = meter.read();
            double cores = (double) platformNanos(last, now) / (System.nanoTime() - started);
            if (cores < SETTLED_CORES || System.nanoTime() > deadline) {
                return now;
            }
            last = now;
        }
    }

    private static String part(ProcessHandle process) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return LOAD_GENERATOR;
        }
        String commandLine = ProcessCommandLine.of(process);
        if (commandLine.startsWith("postgres:")) {
            return POSTGRES;
        }
        for (String service : PlatformUnderBench.SERVICES) {
            if (commandLine.contains(service + "/target/quarkus-app")) {
                return service;
            }
        }
        if (commandLine.contains("console/target/quarkus-app")) {
            return "console";
        }
        // Apicurio's command line names its PostgreSQL database, so it is told apart first.
        for (String server : List.of("apicurio", KAFKA, POSTGRES)) {
            if (commandLine.contains(server)) {
                return server;
            }
        }
        return OTHER;
    }
}
