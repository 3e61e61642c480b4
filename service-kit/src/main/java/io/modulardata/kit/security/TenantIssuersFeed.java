package io.modulardata.kit.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.modulardata.events.Topics;
import io.modulardata.kit.events.EventTypeFilter;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Feeds {@link TenantIssuers} from registry-events: from the topic's beginning at every start, then on as events
 * arrive. A consumer of its own on every partition, no group and nothing committed, so every instance of every
 * service rebuilds the whole map. The topic must therefore keep these events (no time or size retention that
 * drops them; service-kit/README.md, "Identity").
 */
@ApplicationScoped
public class TenantIssuersFeed {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    private static final int FETCH_MIN_BYTES = 64 * 1024;
    private static final Duration FETCH_WAIT = Duration.ofSeconds(1);

    private final TenantIssuers issuers;
    private final String bootstrapServers;
    private final String registryUrl;
    private volatile boolean running;
    private volatile KafkaConsumer<String, GenericRecord> consumer;
    private Thread thread;

    public TenantIssuersFeed(TenantIssuers issuers, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.apicurio.registry.url") String registryUrl) {
        this.issuers = issuers;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    void start(@Observes StartupEvent started) {
        running = true;
        thread = new Thread(this::run, "tenant-issuers-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        KafkaConsumer<String, GenericRecord> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(POLL.multipliedBy(5).toMillis());
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, GenericRecord> reader = newConsumer()) {
                consumer = reader;
                follow(reader);
            } catch (WakeupException stopped) {
                return;
            } catch (RuntimeException e) {
                Log.warnf("Cannot read the tenants' identity providers from %s (retrying in %s): %s", Topics.REGISTRY_EVENTS,
                        RETRY_AFTER, e.getMessage());
                pause();
            }
        }
    }

    /** Reads every partition from its beginning and keeps reading; replaying from the start is harmless. */
    private void follow(KafkaConsumer<String, GenericRecord> reader) {
        List<TopicPartition> partitions = reader.partitionsFor(Topics.REGISTRY_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("the topic has no partitions yet");
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        while (running) {
            try {
                for (ConsumerRecord<String, GenericRecord> record : reader.poll(POLL)) {
                    issuers.apply(record.value());
                }
            } catch (RecordDeserializationException unreadable) {
                // Not an event this projection could be about (its schema is unknown to the registry): skip it.
                Log.warnf("Skipping an unreadable record at %s offset %d", unreadable.topicPartition(), unreadable.offset());
                reader.seek(unreadable.topicPartition(), unreadable.offset() + 1);
            }
        }
    }

    private KafkaConsumer<String, GenericRecord> newConsumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenant-issuers-feed");
        // Under load the broker answers with up to FETCH_WAIT of events at once, not each few events apart: every
        // instance of every service runs this feed, so its fetches are many of Kafka's requests. At rest it asks once
        // a second (benchmarks/README.md, "At rest"), and a provider change arrives within a second.
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_WAIT.toMillis());
        config.put(SerdeConfig.REGISTRY_URL, registryUrl);
        config.put("apicurio.registry.use-specific-avro-reader", false);
        // Every instance of every service reads the whole topic: decode only the events the map is made of.
        Deserializer<GenericRecord> values = new EventTypeFilter<>(List.of(TenantIssuers.EVENT_TYPE), new AvroKafkaDeserializer<>());
        values.configure(config, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), values);
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
