package io.modulardata.console.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.modulardata.console.ConsoleConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads the platform's topics on a thread of its own, like any outside consumer: records decoded by the
 * Apicurio Avro deserializer as GenericRecords. The views live in memory, so every partition is read from
 * its beginning when this process first gets it (the topics are the source of truth); offsets are still
 * committed under the console's group, so its lag shows on the overview beside the services'.
 */
@ApplicationScoped
public class TopicReader implements Runnable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final ConsoleConfig config;
    private final EventIntake intake;
    private final CatchUp catchUp;
    /** Where each partition goes on, once read: kept across a restart of the consumer after a failure. */
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public TopicReader(ConsoleConfig config, EventIntake intake, CatchUp catchUp) {
        this.config = config;
        this.intake = intake;
        this.catchUp = catchUp;
    }

    void start(@Observes StartupEvent started) {
        thread = new Thread(this, "console-topic-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                readUntilStopped();
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // The views stay as they are; reading resumes from the next unread record.
                Log.warnf(e, "Reading %s failed; retrying in %s", config.topics(), RETRY_PAUSE);
                pause();
            }
        }
    }

    private void readUntilStopped() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                new ByteArrayDeserializer());
                AvroKafkaDeserializer<GenericRecord> avro = new AvroKafkaDeserializer<>()) {
            avro.configure(Map.of("apicurio.registry.url", config.registryUrl()), false);
            consumer = kafka;
            kafka.subscribe(config.topics(), new FromWhereWeWere(kafka));
            Log.infof("Reading %s from the beginning as consumer group %s", config.topics(), config.groupId());
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(POLL);
                List<PlatformEvent> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    try {
                        batch.add(decode(record, avro));
                    } catch (EventDecoder.NotAnEvent e) {
                        Log.warnf("Skipped a record that is not a platform event: %s", e.getMessage());
                    }
                }
                intake.accept(batch);
                for (ConsumerRecord<String, byte[]> record : records) {
                    nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                if (!records.isEmpty()) {
                    kafka.commitAsync();
                }
                catchUp.observe(kafka);
            }
        }
    }

    private static PlatformEvent decode(ConsumerRecord<String, byte[]> record, AvroKafkaDeserializer<GenericRecord> avro) {
        GenericRecord value = avro.deserialize(record.topic(), record.headers(), record.value());
        return EventDecoder.decode(record.topic(), record.partition(), record.offset(), value);
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-reader");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, config.fetchMinBytes());
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) config.fetchMaxWait().toMillis());
        // Topics created after the console started are found within seconds.
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        // Kafka's retry back-off also paces the group heartbeat thread's checks: ten a second by default, one with this.
        properties.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 1000);
        return properties;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * A partition this process has not read yet is read from its beginning (the views start empty); one it
     * read before (after a rebalance or a reconnect) goes on where it stopped, so no event is applied twice.
     */
    private final class FromWhereWeWere implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> kafka;

        FromWhereWeWere(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<TopicPartition> unread = new HashSet<>();
            for (TopicPartition partition : partitions) {
                Long next = nextOffsets.get(partition);
                if (next == null) {
                    unread.add(partition);
                } else {
                    kafka.seek(partition, next);
                }
            }
            if (!unread.isEmpty()) {
                kafka.seekToBeginning(unread);
            }
            catchUp.assigned(kafka, partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing held back: offsets are committed after every poll.
        }
    }
}
