package io.modulardata.kit.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code consumer_lag{group, topic, partition}}: records on a partition that a consumer group has not
 * consumed yet, as its consumer last saw them. Same name in every service, so one alert covers all groups.
 */
@ApplicationScoped
public class ConsumerLag {

    public static final String METRIC = "consumer.lag";

    private final MeterRegistry meters;
    private final Map<List<String>, AtomicLong> lags = new ConcurrentHashMap<>();

    public ConsumerLag(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(String group, TopicPartition partition, long lag) {
        List<String> key = List.of(group, partition.topic(), String.valueOf(partition.partition()));
        lags.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(METRIC, value, AtomicLong::get)
                    .description("Records on the partition the consumer group has not consumed yet")
                    .tags("group", k.get(0), "topic", k.get(1), "partition", k.get(2))
                    .register(meters);
            return value;
        }).set(lag);
    }
}
