package io.modulardata.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.modulardata.bench.results.Results;
import io.modulardata.events.Topics;
import io.modulardata.infra.token.Role;

/**
 * POST /components at fixed arrival rates: p50 and p99 of the whole command (validation, event store,
 * read model and outbox in one transaction). GET /q/health/live at 1,000/s in the same run is the
 * HTTP floor of this machine, the baseline the command's p99 is compared with. Beside the latency: the CPU
 * one accepted command costs across the platform, what it makes PostgreSQL and Kafka do, and how that compares
 * with the {@link CommandFloor} measured in the same run.
 */
final class CommandLatencyBenchmark {

    private static final String NAME = "command latency (POST /components)";
    /** Commands the floor writes per run: enough for a steady pgbench and producer. */
    private static final int FLOOR_COMMANDS = 5_000;

    private final PlatformUnderBench platform;
    private final Results results;
    private final Path repoRoot;

    CommandLatencyBenchmark(PlatformUnderBench platform, Results results, Path repoRoot) {
        this.platform = platform;
        this.results = results;
        this.repoRoot = repoRoot;
    }

    void run(int runs, List<Integer> rates, Duration duration) throws Exception {
        String admin = platform.token(Role.PLATFORM_ADMIN, null);
        CpuMeter cpu = platform.cpuMeter();
        PostgresActivity postgres = new PostgresActivity(platform.postgresPort());
        CommandFloor floor = new CommandFloor(platform, postgres, repoRoot);
        Optional<Path> pgbench = CommandFloor.pgbench();
        try (Api registry = new Api(platform.url("registry-service"));
             KafkaActivity kafka = new KafkaActivity(platform.kafkaBootstrapServers())) {
            CommandCost cost = new CommandCost(cpu, postgres, kafka);
            for (int run = 1; run <= runs; run++) {
                // The warm-up's or the last run's backlog (relay, consumers) would otherwise be in this run's figures.
                CpuMeter.settled(cpu);
                FixedRateLoad.awaitIdle(() -> registry.get("/q/health/live", admin));
                FixedRateLoad.Outcome baseline = FixedRateLoad.run(1000, duration, i -> registry.get("/q/health/live", admin));
                record("baseline GET /q/health/live 1000/s", baseline, null);
                Double floorMillis = null;
                for (int rate : rates) {
                    String prefix = "c" + run + "r" + rate + "-";
                    CpuMeter.settled(cpu);
                    FixedRateLoad.awaitIdle(() -> registry.get("/q/health/live", admin));
                    System.out.printf("%s run %d/%d: POST /components at %d/s for %d s%n", NAME, run, runs, rate, duration.toSeconds());
                    CommandCost.Span span = cost.begin();
                    long started = System.nanoTime();
                    FixedRateLoad.Outcome outcome = FixedRateLoad.run(rate, duration, i -> registry.send("POST", "/components",
                            admin, Bodies.component(prefix + i, i), null));
                    recordCpu(rate + "/s", CpuMeter.coresBusy(span.cpuBefore(), cpu.read(), Duration.ofNanos(System.nanoTime() - started)));
                    record(rate + "/s", outcome, rate == 1000 ? 25.0 : null);
                    if (rate == 1000) {
                        results.figure(NAME, "1000/s p99 / baseline p99", "x", null, true)
                                .add(FixedRateLoad.millis(outcome.latencies(), 99) / FixedRateLoad.millis(baseline.latencies(), 99));
                    }
                    CommandCost.PerCommand perCommand = span.end(outcome.sent() - outcome.failed());
                    record(rate + "/s", perCommand);
                    System.out.printf("%s run %d/%d: %d/s took %.2f ms of CPU per accepted command%n", NAME, run, runs, rate,
                            perCommand.platformMillis());
                    if (floorMillis == null && pgbench.isPresent()) {
                        floorMillis = measureFloor(floor, pgbench.get(), kafka, perCommand.events());
                    }
                    if (floorMillis != null) {
                        results.figure(NAME, rate + "/s CPU per command / floor", "x", null, true)
                                .add(perCommand.platformMillis() / floorMillis);
                    }
                }
            }
        }
        results.note(NAME + ": open-loop arrivals, latency counted from each request's due time (HdrHistogram); "
                + "the baseline is the same HTTP client and server answering a health check. Cores busy: CPU time of each "
                + "process (from /proc) during the run divided by its length; this machine has "
                + Runtime.getRuntime().availableProcessors() + " cores. CPU per accepted command: CPU time of every process "
                + "but the load generator from the run's first request until the platform has settled again (under "
                + CpuMeter.SETTLED_CORES + " cores for a second: the relay, consumers and projections done), divided by the "
                + "commands answered 2xx; PostgreSQL's transactions and rows from pg_stat_database over the same span, events "
                + "from the topics' end offsets.");
        if (pgbench.isEmpty()) {
            results.note(NAME + ": no floor: pgbench is not on the PATH (Debian: apt-get install postgresql-contrib)");
        }
    }

    /**
     * The floor per command, measured once per run on this platform's servers: pgbench one transaction per command
     * (also batched, for the figure) plus Kafka's cost for the events a command published.
     */
    private double measureFloor(CommandFloor floor, Path pgbench, KafkaActivity kafka, double eventsPerCommand) throws Exception {
        int eventBytes = kafka.meanEventBytes(Topics.REGISTRY_EVENTS, 50);
        double postgresEach = floor.postgresMillisPerCommand(pgbench, FLOOR_COMMANDS, 1, eventBytes);
        double postgresBatched = floor.postgresMillisPerCommand(pgbench, FLOOR_COMMANDS, CommandFloor.BATCH, eventBytes);
        double kafkaPerEvent = floor.kafkaMillisPerEvent((int) Math.round(FLOOR_COMMANDS * eventsPerCommand), eventBytes);
        double floorMillis = postgresEach + kafkaPerEvent * eventsPerCommand;
        results.figure(NAME, "floor: PostgreSQL CPU per command, one transaction each (pgbench)", "ms", null, true).add(postgresEach);
        results.figure(NAME, "floor: PostgreSQL CPU per command, " + CommandFloor.BATCH + " per transaction (pgbench)", "ms", null, true)
                .add(postgresBatched);
        results.figure(NAME, "floor: Kafka CPU per event (broker and client, " + eventBytes + " B)", "ms", null, true).add(kafkaPerEvent);
        results.figure(NAME, "floor: CPU per command", "ms", null, true).add(floorMillis);
        measureGroupCommit(floor, pgbench, eventBytes);
        return floorMillis;
    }

    /**
     * What group commit could save on PostgreSQL: the command's own statements one transaction each, then
     * {@link CommandFloor#BATCH} commands per transaction without and with a savepoint around each (the savepoint is
     * what keeps one command's failure from failing the others in its transaction).
     */
    private void measureGroupCommit(CommandFloor floor, Path pgbench, int eventBytes) throws Exception {
        String figure = "group commit probe: PostgreSQL CPU per command, statement by statement, ";
        results.figure(NAME, figure + "one transaction each", "ms", null, true)
                .add(floor.postgresMillisPerCommandStatementByStatement(pgbench, FLOOR_COMMANDS, 1, false, eventBytes));
        results.figure(NAME, figure + CommandFloor.BATCH + " per transaction", "ms", null, true)
                .add(floor.postgresMillisPerCommandStatementByStatement(pgbench, FLOOR_COMMANDS, CommandFloor.BATCH, false, eventBytes));
        results.figure(NAME, figure + CommandFloor.BATCH + " per transaction, a savepoint each", "ms", null, true)
                .add(floor.postgresMillisPerCommandStatementByStatement(pgbench, FLOOR_COMMANDS, CommandFloor.BATCH, true, eventBytes));
    }

    /**
     * How many of the machine's cores each part kept busy during the run: the relay, Kafka, the consumers
     * and the load generator share the box with the command path, and "all" near the core count means
     * the latency is queueing for CPU.
     */
    private void recordCpu(String label, Map<String, Double> coresBusy) {
        coresBusy.forEach((part, cores) -> results.figure(NAME, label + " cores busy, " + part, "cores", null, true).add(cores));
    }

    private void record(String label, CommandCost.PerCommand perCommand) {
        perCommand.millisByPart().forEach((part, millis) ->
                results.figure(NAME, label + " CPU per accepted command, " + part, "ms", null, true).add(millis));
        results.figure(NAME, label + " CPU per accepted command, platform (all but the load generator)", "ms", null, true)
                .add(perCommand.platformMillis());
        results.figure(NAME, label + " PostgreSQL transactions per command", "", null, true).add(perCommand.postgresTransactions());
        results.figure(NAME, label + " PostgreSQL rows written per command", "", null, true).add(perCommand.postgresRowsWritten());
        results.figure(NAME, label + " events published per command", "", null, true).add(perCommand.events());
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
