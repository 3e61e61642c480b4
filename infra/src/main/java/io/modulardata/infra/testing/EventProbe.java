package io.modulardata.infra.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads platform topics the way an outside consumer would: raw bytes from Kafka, the schema fetched from
 * Apicurio Registry by the id in the record header bytes (magic byte 0, 4-byte content id), decoded
 * generically. Nothing of the producing service is trusted.
 */
public final class EventProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String registryUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Long, Schema> schemas = new ConcurrentHashMap<>();
    private final List<RecordedEvent> seen = new ArrayList<>();
    /** Topic-partition-offset of every record seen: a group rebalance (say, after a broker restart) reads some again. */
    private final Set<String> positions = new HashSet<>();

    /** Starts reading {@code topics} from their beginning. */
    public EventProbe(String bootstrapServers, String registryUrl, List<String> topics) {
        this.registryUrl = registryUrl;
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "event-probe-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
    }

    /** Polls until an event matching {@code condition} arrives or the timeout passes. */
    public RecordedEvent await(Predicate<RecordedEvent> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RecordedEvent event : seen) {
            if (condition.test(event)) {
                return event;
            }
        }
        while (System.nanoTime() < deadline) {
            for (RecordedEvent event : poll(Duration.ofMillis(200))) {
                if (condition.test(event)) {
                    return event;
                }
            }
        }
        throw new AssertionError("No matching event within " + timeout + "; saw " + seen.size() + " events: "
                + seen.stream().map(e -> e.type() + "/" + e.field("aggregateId")).toList());
    }

    /** Everything that arrives within {@code window} (and everything seen before), in arrival order. */
    public List<RecordedEvent> collect(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(seen);
    }

    /**
     * Everything on the topics up to their end offsets as of this call (and everything seen before), in
     * arrival order: what a later copy would have to follow, without waiting for a time window.
     */
    public List<RecordedEvent> collectToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.assignment().isEmpty()) {
            poll(Duration.ofMillis(200));
            failAfter(deadline, "no partitions assigned");
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            poll(Duration.ofMillis(200));
            failAfter(deadline, "not at the end offsets " + ends);
        }
        return List.copyOf(seen);
    }

    private static void failAfter(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new AssertionError("Event probe: " + what);
        }
    }

    private List<RecordedEvent> poll(Duration wait) {
        List<RecordedEvent> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            if (!positions.add(record.topic() + "-" + record.partition() + "@" + record.offset())) {
                continue; // the same record again, not a second copy on the topic
            }
            RecordedEvent event = decode(record);
            batch.add(event);
            seen.add(event);
        }
        return batch;
    }

    private RecordedEvent decode(ConsumerRecord<String, byte[]> record) {
        ByteBuffer buffer = ByteBuffer.wrap(record.value());
        if (buffer.get() != 0) {
            throw new AssertionError("Record on " + record.topic() + " does not start with the registry magic byte");
        }
        long contentId = Integer.toUnsignedLong(buffer.getInt());
        Schema schema = schemas.computeIfAbsent(contentId, this::fetchSchema);
        try {
            GenericRecord value = new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(record.value(), buffer.position(), buffer.remaining(), null));
            return new RecordedEvent(record.topic(), record.key(), contentId, value);
        } catch (IOException e) {
            throw new AssertionError("Record on " + record.topic() + " does not decode with registry schema " + contentId, e);
        }
    }

    private Schema fetchSchema(long contentId) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(registryUrl + "/ids/contentIds/" + contentId)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("Registry has no content " + contentId + ": HTTP " + response.statusCode());
            }
            return new Schema.Parser().parse(response.body());
        } catch (IOException e) {
            throw new AssertionError("Registry unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
