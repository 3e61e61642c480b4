package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a consumer group has processed a topic up to its current end, read from the offsets the group
 * committed. A service that learns facts from another service's events (deployment-service from
 * registry-events) acts on what it knows, so a test waits for this before asking it to decide.
 */
final class ConsumerGroupProgress {

    private ConsumerGroupProgress() {
    }

    /** Waits until {@code group} has committed, on every partition of {@code topic}, the end offset as of now. */
    static void awaitCaughtUp(String bootstrapServers, String group, String topic, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                ends.forEach((partition, end) -> {
                    OffsetAndMetadata offset = committed.get(partition);
                    assertThat(offset == null ? 0L : offset.offset()).as("%s committed on %s", group, partition)
                            .isGreaterThanOrEqualTo(end);
                });
            });
        }
    }
}
