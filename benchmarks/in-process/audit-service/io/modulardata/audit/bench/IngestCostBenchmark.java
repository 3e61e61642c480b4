package io.modulardata.audit.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.CanonicalEntry;
import io.modulardata.audit.chain.EntryHasher;
import io.modulardata.audit.ingest.EventMapper;
import io.modulardata.audit.support.ScratchDatabase;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.events.DataEnvironment;

/**
 * Where ingest time goes, stage by stage, each measured alone on the same events as {@link IngestBenchmark}:
 * mapping a decoded record to an entry, preparing its canonical bytes, hashing, and PostgreSQL COPY of
 * ready-made rows (committed per 5,000) into audit_entry with its indexes, with only the ones that
 * guard the chain (primary key, unique eventId), and with the query indexes swapped for BRIN/hash
 * variants. Variants are interleaved within each run; medians over the runs. Not part of
 * {@code mvn verify}; run it with {@code benchmarks/audit/cost}. Settings: {@code -Daudit.bench.events}
 * (default 100000), {@code -Daudit.bench.runs} (default 3).
 */
class IngestCostBenchmark {

    private static final int EVENTS = Integer.getInteger("audit.bench.events", 100_000);
    private static final int RUNS = Integer.getInteger("audit.bench.runs", 3);
    private static final int BATCH = 5000;

    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("audit_entry as migrated (pk + 5 indexes)", "");
        TABLES.put("time index as BRIN", "drop index audit_entry_time; create index on audit_entry using brin (occurred_at)");
        TABLES.put("time BRIN, aggregate + correlation as hash",
                "drop index audit_entry_time; create index on audit_entry using brin (occurred_at);"
                        + " drop index audit_entry_aggregate; create index on audit_entry using hash (aggregate_id);"
                        + " drop index audit_entry_correlation; create index on audit_entry using hash (correlation_id)");
        TABLES.put("pk + unique eventId only (no query index)",
                "drop index audit_entry_tenant_time, audit_entry_time, audit_entry_aggregate, audit_entry_correlation");
        TABLES.put("pk only", "drop index audit_entry_tenant_time, audit_entry_time, audit_entry_aggregate,"
                + " audit_entry_correlation, audit_entry_event_id");
    }

    @Test
    void measuresEachStageAlone() throws Exception {
        List<GenericRecord> records = records();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int run = 1; run <= RUNS; run++) {
            long t0 = System.nanoTime();
            List<AuditEntry> entries = new ArrayList<>(EVENTS);
            for (int i = 0; i < EVENTS; i++) {
                entries.add(EventMapper.toEntry("bench", i % 3, i, records.get(i)));
            }
            long t1 = System.nanoTime();
            List<CanonicalEntry> prepared = entries.stream().map(CanonicalEntry::of).toList();
            long t2 = System.nanoTime();
            List<String> hashes = new ArrayList<>(EVENTS);
            String hash = EntryHasher.GENESIS;
            for (int i = 0; i < EVENTS; i++) {
                hash = prepared.get(i).hash(hash, i + 1);
                hashes.add(hash);
            }
            long t3 = System.nanoTime();
            rates.computeIfAbsent("map decoded record to entry", k -> new ArrayList<>()).add(rate(t0, t1));
            rates.computeIfAbsent("prepare canonical bytes", k -> new ArrayList<>()).add(rate(t1, t2));
            rates.computeIfAbsent("hash (SHA-256 chain)", k -> new ArrayList<>()).add(rate(t2, t3));

            List<String> batches = copyText(prepared, hashes);
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                double copied = copy(batches, table.getValue());
                rates.computeIfAbsent("COPY into " + table.getKey(), k -> new ArrayList<>()).add(copied);
            }
            System.out.printf("cost run %d done%n", run);
        }
        System.out.printf("%nAUDIT INGEST COST BY STAGE: %,d events, %d runs, medians (events/s, each stage alone)%n", EVENTS, RUNS);
        rates.forEach((stage, values) -> System.out.printf("  %-58s %,10.0f%n", stage, median(values)));
    }

    private static double copy(List<String> batches, String ddl) throws Exception {
        PGSimpleDataSource database = ScratchDatabase.create("audit_cost");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            if (!ddl.isEmpty()) {
                statement.execute(ddl);
            }
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            for (String batch : batches) {
                copy.copyIn("copy audit_entry (sequence, topic, kafka_partition, kafka_offset, event_type, event_id, occurred_at,"
                        + " tenant_id, actor, correlation_id, aggregate_id, aggregate_version, payload, hash) from stdin",
                        new StringReader(batch));
                connection.commit();
            }
            return rate(started, System.nanoTime());
        }
    }

    /** The rows as COPY text, batch by batch (the test events hold no character COPY would need escaped). */
    private static List<String> copyText(List<CanonicalEntry> prepared, List<String> hashes) {
        List<String> batches = new ArrayList<>();
        for (int start = 0; start < EVENTS; start += BATCH) {
            StringBuilder rows = new StringBuilder(BATCH * 512);
            for (int i = start; i < Math.min(EVENTS, start + BATCH); i++) {
                AuditEntry e = prepared.get(i).entry();
                rows.append(i + 1).append('\t').append(e.topic()).append('\t').append(e.partition()).append('\t')
                        .append(e.offset()).append('\t').append(e.eventType()).append('\t').append(e.eventId()).append('\t')
                        .append(e.occurredAt()).append('\t').append(e.tenantId()).append('\t').append(e.actor()).append('\t')
                        .append(e.correlationId()).append('\t').append(e.aggregateId()).append('\t')
                        .append(e.aggregateVersion()).append('\t').append(prepared.get(i).payloadJson()).append('\t')
                        .append(hashes.get(i)).append('\n');
            }
            batches.add(rows.toString());
        }
        return batches;
    }

    /** The same mix of events as the ingest benchmark pre-fills. */
    private static List<GenericRecord> records() {
        List<GenericRecord> records = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            String tenant = "bench-" + (i % 50);
            records.add(switch (i % 4) {
                case 0 -> TestEvents.granted(tenant, "etl-core", "2.1." + i, "alice");
                case 1 -> TestEvents.security(tenant, "data_encryption", i % 10 != 0, Map.of("bytes", String.valueOf(i)));
                case 2 -> TestEvents.deploymentSucceeded(tenant, "d-" + i, DataEnvironment.STAGING);
                default -> TestEvents.revoked(tenant, "etl-core", "2.1." + i, "bob");
            });
        }
        return records;
    }

    private static double rate(long startedNanos, long endedNanos) {
        return EVENTS / ((endedNanos - startedNanos) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
