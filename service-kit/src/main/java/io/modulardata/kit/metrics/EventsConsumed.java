package io.modulardata.kit.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code events_consumed_total{group, topic}}: events a consumer group has processed (committed), per topic;
 * the consuming side of {@code outbox_published_total{topic}}.
 */
@ApplicationScoped
public class EventsConsumed {

    public static final String METRIC = "events.consumed";

    private final MeterRegistry meters;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public EventsConsumed(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(String group, String topic, long events) {
        counters.computeIfAbsent(List.of(group, topic), key -> Counter.builder(METRIC)
                .description("Events processed by the consumer group, per topic")
                .tags("group", key.get(0), "topic", key.get(1))
                .register(meters)).increment(events);
    }
}
