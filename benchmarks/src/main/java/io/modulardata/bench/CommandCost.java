package io.modulardata.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a span of commands cost the platform, per accepted command: CPU time per part (every process, the load
 * generator reported apart), PostgreSQL transactions and rows written, events published. A span ends only once
 * the platform has settled, so that the relay, Kafka, the consumers and the projections have done their share.
 */
final class CommandCost {

    /** Per accepted command. {@code millisByPart} holds every part, the load generator included. */
    record PerCommand(double platformMillis, Map<String, Double> millisByPart, double postgresTransactions,
            double postgresRowsWritten, double events) {
    }

    /** Readings taken when a span began. */
    final class Span {

        private final Map<String, Duration> cpuBefore = cpu.read();
        private final PostgresActivity.Reading postgresBefore = postgres.read();
        private final long eventsBefore = kafka.eventsWritten();

        /** Every part's CPU time when the span began. */
        Map<String, Duration> cpuBefore() {
            return cpuBefore;
        }

        /** Waits for the platform to settle, then divides what it did since the span began by {@code accepted}. */
        PerCommand end(long accepted) throws InterruptedException {
            Map<String, Duration> cpuAfter = CpuMeter.settled(cpu);
            PostgresActivity.Reading database = postgres.read().minus(postgresBefore);
            Map<String, Double> byPart = new LinkedHashMap<>();
            CpuMeter.spent(cpuBefore, cpuAfter).forEach((part, spent) -> byPart.put(part, spent.toNanos() / 1e6 / accepted));
            return new PerCommand(CpuMeter.platformNanos(cpuBefore, cpuAfter) / 1e6 / accepted, byPart,
                    (double) database.transactions() / accepted, (double) database.rowsWritten() / accepted,
                    (double) (kafka.eventsWritten() - eventsBefore) / accepted);
        }
    }

    private final CpuMeter cpu;
    private final PostgresActivity postgres;
    private final KafkaActivity kafka;

    CommandCost(CpuMeter cpu, PostgresActivity postgres, KafkaActivity kafka) {
        this.cpu = cpu;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    Span begin() {
        return new Span();
    }
}
