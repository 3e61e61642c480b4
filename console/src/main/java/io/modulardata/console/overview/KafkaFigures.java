package io.modulardata.console.overview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.modulardata.console.ConsoleConfig;
import io.quarkus.logging.Log;

/**
 * What the Kafka cluster itself tells: whether it answers, and for every consumer group the lag of its
 * committed offsets behind the ends of the partitions it reads.
 */
@ApplicationScoped
public class KafkaFigures {

    private static final long TIMEOUT_SECONDS = 3;

    private final Admin admin;
    private final Cached<Figures> figures;

    public KafkaFigures(ConsoleConfig config) {
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, config.groupId() + "-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
        figures = new Cached<>(config.probeCacheTime(), this::measure);
    }

    @PreDestroy
    void close() {
        admin.close();
    }

    /** One group's lag in total and per topic (records not yet consumed). */
    public record GroupLag(String group, long lag, Map<String, Long> byTopic) {
    }

    /** {@code up}: the cluster answered; {@code brokers}: how many; {@code groups}: by name. */
    public record Figures(boolean up, int brokers, List<GroupLag> groups, String error) {
    }

    public Figures figures() {
        return figures.get();
    }

    private Figures measure() {
        try {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            List<GroupLag> lags = new ArrayList<>();
            for (ConsumerGroupListing group : new ArrayList<>(admin.listConsumerGroups().all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS))) {
                lags.add(lag(group.groupId()));
            }
            lags.sort(java.util.Comparator.comparing(GroupLag::group));
            return new Figures(true, brokers, lags, null);
        } catch (Exception e) {
            Log.debugf(e, "Kafka figures unavailable");
            return new Figures(false, 0, List.of(), e.getMessage());
        }
    }

    private GroupLag lag(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                : admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> byTopic = new TreeMap<>();
        long total = 0;
        for (var entry : committed.entrySet()) {
            if (entry.getValue() == null || !ends.containsKey(entry.getKey())) {
                continue;
            }
            long lag = Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
            byTopic.merge(entry.getKey().topic(), lag, Long::sum);
            total += lag;
        }
        return new GroupLag(group, total, byTopic);
    }
}
