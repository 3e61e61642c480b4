package io.modulardata.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What went onto the platform's topics: the events written to all of them (their end offsets, summed), and the
 * size of the latest events on one topic. Divided by the commands a run got accepted, the first says how many
 * events one command publishes.
 */
final class KafkaActivity implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaConsumer<byte[], byte[]> consumer;

    KafkaActivity(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.consumer = consumer(bootstrapServers);
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Events on every topic but Kafka's own (and the floor's scratch topic). */
    long eventsWritten() {
        Set<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(30)).entrySet().stream()
                .filter(topic -> !topic.getKey().startsWith("__") && !topic.getKey().startsWith(CommandFloor.TOPIC_PREFIX))
                .flatMap(topic -> topic.getValue().stream())
                .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
                .collect(Collectors.toSet());
        return consumer.endOffsets(partitions, Duration.ofSeconds(30)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Mean value size in bytes of up to {@code last} latest events per partition of {@code topic}. */
    int meanEventBytes(String topic, int last) {
        try (KafkaConsumer<byte[], byte[]> reader = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(PartitionInfo::partition).map(partition -> new TopicPartition(topic, partition)).toList();
            reader.assign(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions, Duration.ofSeconds(30));
            ends.forEach((partition, end) -> reader.seek(partition, Math.max(0, end - last)));
            long bytes = 0;
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(partition -> reader.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    bytes += record.serializedValueSize();
                    count++;
                }
            }
            if (count == 0) {
                throw new IllegalStateException("no events on " + topic + " to measure");
            }
            return (int) (bytes / count);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
