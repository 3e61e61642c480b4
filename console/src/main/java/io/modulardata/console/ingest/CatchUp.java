package io.modulardata.console.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the console has read every partition up to where it ended when the console started: until then
 * the views are incomplete, and the console is not ready (it answers {@code /q/health/ready} with 503).
 */
@ApplicationScoped
public class CatchUp {

    private final Map<TopicPartition, Long> endsAtStart = new HashMap<>();
    private volatile boolean caughtUp;
    private volatile boolean assigned;

    public boolean caughtUp() {
        return caughtUp;
    }

    /** On the ingest thread, when partitions are assigned: the first time, their end offsets are the goal. */
    void assigned(KafkaConsumer<String, byte[]> kafka, Collection<TopicPartition> partitions) {
        if (caughtUp) {
            return;
        }
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, Duration.ofSeconds(10));
        synchronized (endsAtStart) {
            ends.forEach(endsAtStart::putIfAbsent);
        }
        assigned = true;
    }

    /** On the ingest thread, after each poll. */
    void observe(KafkaConsumer<String, byte[]> kafka) {
        if (caughtUp || !assigned) {
            return;
        }
        Map<TopicPartition, Long> goals;
        synchronized (endsAtStart) {
            goals = new HashMap<>(endsAtStart);
        }
        for (var goal : goals.entrySet()) {
            if (kafka.assignment().contains(goal.getKey()) && kafka.position(goal.getKey()) < goal.getValue()) {
                return;
            }
        }
        caughtUp = true;
    }
}
