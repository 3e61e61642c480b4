package io.modulardata.audit.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.checkpoint.SigningKey;
import io.modulardata.audit.ingest.AuditLogWriter;
import io.modulardata.audit.ingest.IngestLoop;
import io.modulardata.audit.query.AuditEntries;
import io.modulardata.audit.support.ScratchDatabase;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.audit.verify.ChainVerification;
import io.modulardata.events.DataEnvironment;
import io.modulardata.bench.results.Machine;
import io.modulardata.bench.results.Results;
import io.modulardata.bench.results.Stats;
import io.modulardata.infra.stack.StackAddresses;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.LocalStackTestResource;

/**
 * Sustained ingest rate of the audit pipeline (decode with the Apicurio deserializer, map, hash, append
 * in PostgreSQL, commit offsets) from a pre-filled topic, beside a plain KafkaConsumer reading the same
 * topic's raw bytes in the same run (the baseline of the ratio), and, for reference, the same consumer
 * decoding every value with the Apicurio deserializer. Rates are sustained: counted from the first batch each one got, so
 * the consumer group join is left out of both. Not part of {@code mvn verify} (the class name is no test name);
 * run it with {@code benchmarks/audit/run}. Settings: {@code -Daudit.bench.events} (default 200000),
 * {@code -Daudit.bench.runs} (default 3).
 */
class IngestBenchmark {

    private static final int EVENTS = Integer.getInteger("audit.bench.events", 200_000);
    private static final int RUNS = Integer.getInteger("audit.bench.runs", 3);

    @Test
    void measuresSustainedIngestBesideAPlainConsumer() throws Exception {
        StackAddresses stack = LocalStackTestResource.stack();
        String topic = "audit-bench-" + UUID.randomUUID().toString().substring(0, 8);
        prefill(stack, topic);

        List<Double> plainRates = new ArrayList<>();
        List<Double> decodingRates = new ArrayList<>();
        List<Double> auditRates = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            double plain = plainConsumer(stack, topic, false);
            double decoding = plainConsumer(stack, topic, true);
            double audit = auditIngest(stack, topic, run);
            plainRates.add(plain);
            decodingRates.add(decoding);
            auditRates.add(audit);
            System.out.printf("run %d: plain consumer %,.0f events/s, decoding consumer %,.0f events/s,"
                    + " audit ingest %,.0f events/s (%.1f %% of plain)%n", run, plain, decoding, audit, 100 * audit / plain);
        }
        double plain = median(plainRates);
        double decoding = median(decodingRates);
        double audit = median(auditRates);
        System.out.printf("%nAUDIT INGEST BENCHMARK: %,d events on %s (3 partitions), %d runs, %s%n", EVENTS, topic, RUNS,
                java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        System.out.printf("  baseline: plain KafkaConsumer, byte[] deserializers, only counts records   median %,.0f events/s%n", plain);
        System.out.printf("  for reference: same consumer that also decodes each value with the Apicurio Avro deserializer"
                + "   median %,.0f events/s%n", decoding);
        System.out.printf("  audit-service ingest (decode, map, hash, COPY into PostgreSQL, commit offsets)   median %,.0f events/s%n", audit);
        System.out.printf("  ratio audit / baseline   %.1f %%  (targets: >= 20,000 events/s and >= 25 %%); audit / decoding consumer %.1f %%%n",
                100 * audit / plain, 100 * audit / decoding);
        write(plainRates, decodingRates, auditRates);
    }

    /** The same figures as JSON and Markdown under benchmarks/results, like the platform benchmarks. */
    private static void write(List<Double> plainRates, List<Double> decodingRates, List<Double> auditRates) {
        Results results = new Results();
        String name = "audit ingest, " + EVENTS + " events";
        for (int run = 0; run < plainRates.size(); run++) {
            results.figure(name, "baseline: plain consumer, byte[]", "events/s", null, false).add(plainRates.get(run));
            results.figure(name, "consumer decoding Avro (reference)", "events/s", null, false).add(decodingRates.get(run));
            results.figure(name, "audit-service ingest", "events/s", 20_000.0, false).add(auditRates.get(run));
            results.figure(name, "audit ingest / baseline", "%", 25.0, false).add(100 * auditRates.get(run) / plainRates.get(run));
        }
        results.note("ingest = decode, map, hash, COPY into PostgreSQL, commit offsets; the baseline reads the same topic in the same run");
        Path written = results.write(Results.defaultDir(), "audit-ingest", "Audit ingest benchmark", Machine.describe());
        System.out.println("Results: " + written + " (and .json beside it)");
    }

    private static void prefill(StackAddresses stack, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        long started = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher(stack.kafkaBootstrapServers(), stack.registryUrl())) {
            for (int i = 0; i < EVENTS; i++) {
                String tenant = "bench-" + (i % 50);
                publisher.publishAsync(topic, switch (i % 4) {
                    case 0 -> TestEvents.granted(tenant, "etl-core", "2.1." + i, "alice");
                    case 1 -> TestEvents.security(tenant, "data_encryption", i % 10 != 0, Map.of("bytes", String.valueOf(i)));
                    case 2 -> TestEvents.deploymentSucceeded(tenant, "d-" + i, DataEnvironment.STAGING);
                    default -> TestEvents.revoked(tenant, "etl-core", "2.1." + i, "bob");
                });
            }
            publisher.flush();
        }
        System.out.printf("pre-filled %s with %,d events in %.1f s%n", topic, EVENTS, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The baseline: a KafkaConsumer with byte[] deserializers and the same fetch settings as ingest, that
     * only counts the records. With {@code decode}, it also turns every value into a GenericRecord with the
     * Apicurio deserializer (the first step of ingest), for reference.
     */
    private static double plainConsumer(StackAddresses stack, String topic, boolean decode) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        long started = 0;
        long first = 0;
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()); AvroKafkaDeserializer<GenericRecord> avro = new AvroKafkaDeserializer<>()) {
            avro.configure(Map.of("apicurio.registry.url", stack.registryUrl()), false);
            consumer.subscribe(List.of(topic));
            long decoded = 0;
            while (read < EVENTS) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (decode) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        decoded += avro.deserialize(topic, record.headers(), record.value()).getSchema().getFields().size();
                    }
                }
                int count = records.count();
                if (count > 0 && started == 0) {
                    started = System.nanoTime();
                    first = count;
                }
                read += count;
            }
            consumer.commitSync();
            if (decode && decoded == 0) {
                throw new IllegalStateException("nothing decoded");
            }
        }
        return sustained(EVENTS - first, started);
    }

    private static double auditIngest(StackAddresses stack, String topic, int run) throws Exception {
        PGSimpleDataSource dataSource = ScratchDatabase.create("audit_bench_" + run);
        SigningKey key = SigningKey.generate();
        AuditLogWriter writer = new AuditLogWriter(dataSource, key, 1000, Duration.ofSeconds(60), Clock.systemUTC());
        AtomicLong appended = new AtomicLong();
        AtomicLong firstBatch = new AtomicLong();
        AtomicLong started = new AtomicLong();
        IngestLoop loop = new IngestLoop(stack.kafkaBootstrapServers(), stack.registryUrl(), "bench-audit-" + UUID.randomUUID(), Duration.ofSeconds(10),
                List.of(topic), 5000, Duration.ofMillis(200), new IngestLoop.Fetch(1, Duration.ofMillis(500)), writer, new IngestLoop.Listener() {
                    @Override
                    public void appended(AuditLogWriter.AppendResult result) {
                        if (started.get() == 0) {
                            started.set(System.nanoTime());
                            firstBatch.set(result.appended());
                        }
                        appended.addAndGet(result.appended());
                    }

                    @Override
                    public void lag(TopicPartition partition, long lag) {
                    }

                    @Override
                    public void failed(Exception failure) {
                        failure.printStackTrace();
                    }
                });
        Thread thread = new Thread(loop, "bench-ingest");
        thread.start();
        while (appended.get() < EVENTS) {
            Thread.sleep(5);
        }
        double rate = sustained(EVENTS - firstBatch.get(), started.get());
        loop.stop();
        thread.join();

        long verifyStarted = System.nanoTime();
        VerifyResult verified = new ChainVerification(dataSource, key, 1000, new SimpleMeterRegistry(), new AuditEntries(dataSource)).verify(null, null);
        System.out.printf("  run %d: chain of %,d entries verified=%s in %.1f s%n", run, verified.checkedEntries(),
                verified.valid(), (System.nanoTime() - verifyStarted) / 1e9);
        return rate;
    }

    /** Events per second after the first batch arrived: group join and first fetch are start-up, not throughput. */
    private static double sustained(long events, long startedNanos) {
        return events / ((System.nanoTime() - startedNanos) / 1e9);
    }

    private static double median(List<Double> values) {
        return Stats.median(values);
    }
}
