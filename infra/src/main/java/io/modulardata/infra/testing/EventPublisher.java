package io.modulardata.infra.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.modulardata.events.PlatformEvents;

/**
 * Plays another service in tests: publishes its events the way its outbox relay does (Avro through Apicurio
 * Registry, keyed by tenant, on the topic the event belongs to), waiting for each to be acknowledged, or, for
 * load, without waiting until {@link #flush()}. Any Avro record goes, also one of a schema no service knows yet.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, GenericRecord> producer;

    public EventPublisher(String bootstrapServers, String registryUrl) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(SerdeConfig.REGISTRY_URL, registryUrl);
        p.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, "true");
        p.put(SerdeConfig.ARTIFACT_RESOLVER_STRATEGY, RecordIdStrategy.class.getName());
        p.put("apicurio.registry.dereference-schema", "true");
        // A serializer instance handed to the producer is not configured by it.
        AvroKafkaSerializer<GenericRecord> values = new AvroKafkaSerializer<>();
        Map<String, Object> serdeConfig = new HashMap<>();
        p.forEach((key, value) -> serdeConfig.put((String) key, value));
        values.configure(serdeConfig, false);
        producer = new KafkaProducer<>(p, new StringSerializer(), values);
    }

    /** To the servers of the application under test, as {@link LocalStackTestResource} configures it. */
    public static EventPublisher forServiceUnderTest() {
        Config config = ConfigProvider.getConfig();
        return new EventPublisher(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class));
    }

    /** Publishes to the event's own topic; returns where the record landed. */
    public RecordMetadata publish(SpecificRecordBase event) {
        return publish(PlatformEvents.topicOf(event.getClass()), event);
    }

    public RecordMetadata publish(String topic, GenericRecord event) {
        try {
            return producer.send(record(topic, event)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot publish " + event.getSchema().getName() + " to " + topic, e.getCause());
        }
    }

    /** Publishes without waiting for the acknowledgement; {@link #flush()} waits for all. */
    public void publishAsync(String topic, GenericRecord event) {
        producer.send(record(topic, event));
    }

    public void flush() {
        producer.flush();
    }

    private static ProducerRecord<String, GenericRecord> record(String topic, GenericRecord event) {
        return new ProducerRecord<>(topic, event.get("tenantId").toString(), event);
    }

    /** Waits until this consumer group has committed past the record: its consumer has processed it. */
    public static void awaitConsumed(String bootstrapServers, String group, RecordMetadata record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                        .get(partition);
                if (committed != null && committed.offset() > record.offset()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Consumer group " + group + " did not get past " + partition + "@"
                            + record.offset() + " within " + timeout + " (committed: " + committed + ")");
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of consumer group " + group, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
