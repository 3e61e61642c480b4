package io.modulardata.infra.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

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

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.modulardata.events.PlatformEvents;

/**
 * Plays another service in tests: publishes its events the way its outbox relay does (Avro through Apicurio
 * Registry, keyed by tenant, on the topic the event belongs to), waiting for each to be acknowledged.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecordBase> producer;

    public EventPublisher(String bootstrapServers, String registryUrl) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(SerdeConfig.REGISTRY_URL, registryUrl);
        p.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, "true");
        p.put(SerdeConfig.ARTIFACT_RESOLVER_STRATEGY, RecordIdStrategy.class.getName());
        p.put("apicurio.registry.dereference-schema", "true");
        // A serializer instance handed to the producer is not configured by it.
        AvroKafkaSerializer<SpecificRecordBase> values = new AvroKafkaSerializer<>();
        Map<String, Object> serdeConfig = new HashMap<>();
        p.forEach((key, value) -> serdeConfig.put((String) key, value));
        values.configure(serdeConfig, false);
        producer = new KafkaProducer<>(p, new StringSerializer(), values);
    }

    /** Publishes to the event's own topic; returns where the record landed. */
    public RecordMetadata publish(SpecificRecordBase event) {
        return publish(PlatformEvents.topicOf(event.getClass()), event);
    }

    public RecordMetadata publish(String topic, SpecificRecordBase event) {
        try {
            return producer.send(new ProducerRecord<>(topic, (String) event.get("tenantId"), event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish " + event.getSchema().getName(), e);
        }
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
