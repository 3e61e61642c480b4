package io.modulardata.audit.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.modulardata.audit.chain.CanonicalEntry;
import io.quarkus.logging.Log;

/**
 * The ingest loop, run on one dedicated thread: poll a batch, decode every record with the Apicurio
 * Avro deserializer into a GenericRecord (any event type, known or not) and write its canonical bytes,
 * append the batch in one transaction (on a second thread, while the next batch is polled and
 * decoded), and only then commit the batch's offsets. A failure (database down, a record that
 * does not decode) commits nothing: the loop seeks back to the batch's first offsets and retries after
 * a pause, so nothing is ever skipped; redeliveries after a crash are dropped as duplicates.
 */
public final class IngestLoop implements Runnable {

    /** Told what the loop did, for metrics. */
    public interface Listener {
        void appended(AuditLogWriter.AppendResult result);

        void lag(TopicPartition partition, long lag);

        void failed(Exception failure);

        /** Records of {@code topic} appended and committed. */
        default void committed(String topic, int records) {
        }
    }

    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Properties consumerProperties;
    private final Map<String, Object> deserializerConfig;
    private final List<String> topics;
    private final AuditLogWriter writer;
    private final Duration pollTimeout;
    private final Listener listener;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /** How the broker gathers records into one fetch: at least {@code minBytes}, or whatever came within {@code maxWait}. */
    public record Fetch(int minBytes, Duration maxWait) {
    }

    public IngestLoop(String bootstrapServers, String registryUrl, String groupId, Duration sessionTimeout, List<String> topics,
            int maxBatch, Duration pollTimeout, Fetch fetch, AuditLogWriter writer, Listener listener) {
        this.topics = List.copyOf(topics);
        this.writer = writer;
        this.pollTimeout = pollTimeout;
        this.listener = listener;
        consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // A killed instance's partitions wait this long for another instance (Kafka's default is 45 s).
        consumerProperties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        consumerProperties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch);
        consumerProperties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        consumerProperties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, fetch.minBytes());
        consumerProperties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetch.maxWait().toMillis());
        consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-ingest");
        // Kafka's retry back-off also paces the group heartbeat thread's checks: ten a second by default, one with this.
        consumerProperties.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 1000);
        deserializerConfig = Map.of("apicurio.registry.url", registryUrl);
    }

    /** Asks the loop to end; it finishes (or abandons, uncommitted) the batch in hand and closes the consumer. */
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        ExecutorService appender = Executors.newSingleThreadExecutor(task -> new Thread(task, "audit-append"));
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new ByteArrayDeserializer());
                AvroKafkaDeserializer<GenericRecord> avro = new AvroKafkaDeserializer<>()) {
            avro.configure(deserializerConfig, false);
            consumer = kafka;
            kafka.subscribe(topics);
            Log.infof("Auditing topics %s", topics);
            // Two stages: while one batch is appended (on the append thread), the next is polled and decoded here.
            Future<AuditLogWriter.AppendResult> inFlight = null;
            ConsumerRecords<String, byte[]> inFlightRecords = null;
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = kafka.poll(pollTimeout);
                } catch (WakeupException e) {
                    break;
                }
                try {
                    List<CanonicalEntry> entries = decode(records, avro);
                    if (inFlight != null) {
                        Future<AuditLogWriter.AppendResult> appended = inFlight;
                        ConsumerRecords<String, byte[]> appendedRecords = inFlightRecords;
                        inFlight = null;
                        inFlightRecords = null;
                        try {
                            listener.appended(appended.get());
                        } catch (ExecutionException e) {
                            rewind(kafka, records);
                            throw new BatchFailed(appendedRecords, e.getCause());
                        }
                        commit(kafka, appendedRecords);
                    }
                    if (records.isEmpty()) {
                        writer.checkpointIfDue();
                    } else {
                        inFlight = appender.submit(() -> writer.appendPrepared(entries));
                        inFlightRecords = records;
                    }
                    reportLag(kafka);
                } catch (WakeupException e) {
                    break;
                } catch (BatchFailed e) {
                    retryLater(kafka, e.records, e.getCause());
                } catch (Exception e) {
                    retryLater(kafka, records, e);
                }
            }
            finish(kafka, inFlight, inFlightRecords);
        } catch (RuntimeException e) {
            Log.error("Audit ingest stopped", e);
        } finally {
            appender.shutdownNow();
            consumer = null;
        }
    }

    /** A batch handed to the append thread failed. */
    private static final class BatchFailed extends Exception {
        private final transient ConsumerRecords<String, byte[]> records;

        BatchFailed(ConsumerRecords<String, byte[]> records, Throwable cause) {
            super(cause);
            this.records = records;
        }
    }

    private void retryLater(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records, Throwable failure) {
        listener.failed(failure instanceof Exception exception ? exception : new IllegalStateException(failure));
        Log.errorf("Audit ingest batch failed; retrying it in %s: %s", RETRY_PAUSE, failure.toString());
        rewind(kafka, records);
        pause();
    }

    /** On stop: the batch in flight is committed if it was appended; otherwise it is read again next time. */
    private void finish(KafkaConsumer<String, byte[]> kafka, Future<AuditLogWriter.AppendResult> inFlight,
            ConsumerRecords<String, byte[]> records) {
        if (inFlight == null) {
            return;
        }
        try {
            listener.appended(inFlight.get());
            commit(kafka, records);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            Log.warnf("Last audit batch not committed; it is read again on the next start: %s", e.toString());
        }
    }

    /** Decodes and prepares the canonical bytes here, so the append thread only hashes and copies. */
    private static List<CanonicalEntry> decode(ConsumerRecords<String, byte[]> records, AvroKafkaDeserializer<GenericRecord> avro) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<CanonicalEntry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            GenericRecord value = avro.deserialize(record.topic(), record.headers(), record.value());
            if (value == null) {
                continue; // a tombstone carries no event
            }
            entries.add(CanonicalEntry.of(EventMapper.toEntry(record.topic(), record.partition(), record.offset(), value)));
        }
        return OccurrenceOrder.of(entries);
    }

    private void commit(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        kafka.commitSync(nextOffsets(records));
        Map<String, Integer> byTopic = new HashMap<>();
        records.partitions().forEach(partition -> byTopic.merge(partition.topic(), records.records(partition).size(), Integer::sum));
        byTopic.forEach(listener::committed);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            try {
                kafka.seek(partition, records.records(partition).get(0).offset());
            } catch (IllegalStateException e) {
                // no longer assigned: its new owner starts from the committed offset
            }
        }
    }

    private void reportLag(KafkaConsumer<String, byte[]> kafka) {
        for (TopicPartition partition : kafka.assignment()) {
            kafka.currentLag(partition).ifPresent(lag -> listener.lag(partition, lag));
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
