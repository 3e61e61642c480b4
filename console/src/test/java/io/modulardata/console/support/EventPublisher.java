package io.modulardata.console.support;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/** Publishes events as the services' outbox relay does (Apicurio Avro serializer, RecordIdStrategy, keyed by tenant). */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;

    private EventPublisher(String bootstrapServers, String registryUrl) {
        AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
        serializer.configure(Map.of("apicurio.registry.url", registryUrl,
                "apicurio.registry.artifact-resolver-strategy", "io.apicurio.registry.serde.avro.strategy.RecordIdStrategy",
                "apicurio.registry.auto-register", true, "apicurio.registry.dereference-schema", true), false);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), serializer);
    }

    /** A publisher to the servers the console under test reads. */
    public static EventPublisher toConsoleServers() {
        var config = ConfigProvider.getConfig();
        return new EventPublisher(config.getValue("console.kafka-bootstrap-servers", String.class),
                config.getValue("console.registry-url", String.class));
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void send(String topic, GenericRecord event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.get("tenantId").toString(), event)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish to " + topic, e.getCause());
        }
    }

    /** Sends without waiting; {@link #flush()} waits for all. */
    public void sendAsync(String topic, GenericRecord event) {
        producer.send(new ProducerRecord<>(topic, event.get("tenantId").toString(), event));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
