package io.modulardata.deployment.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.modulardata.kit.metrics.ConsumerLag;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.mutiny.core.Vertx;

/**
 * Exports the lag of the registry-events consumer ({@code consumer_lag{group="deployment-service"}}) every few
 * seconds, as its Kafka consumer sees it on its own polling thread (the consumer is not thread-safe).
 */
@ApplicationScoped
public class RegistryEventsLag {

    /** Measured on the consumer's own thread, which the measurement wakes: not more often than a scrape needs. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final KafkaClientService clients;
    private final ConsumerLag lag;
    private final Vertx vertx;
    private final String group;
    private volatile long timerId = -1;

    public RegistryEventsLag(KafkaClientService clients, ConsumerLag lag, Vertx vertx,
            @ConfigProperty(name = "mp.messaging.incoming." + RegistryEventsConsumer.CHANNEL + ".group.id") String group) {
        this.clients = clients;
        this.lag = lag;
        this.vertx = vertx;
        this.group = group;
    }

    void start(@Observes StartupEvent startup) {
        timerId = vertx.setPeriodic(INTERVAL.toMillis(), id -> measure());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void measure() {
        KafkaConsumer<Object, Object> consumer = clients.getConsumer(RegistryEventsConsumer.CHANNEL);
        if (consumer == null) {
            return; // the channel is switched off, or not started yet
        }
        consumer.runOnPollingThread(kafka -> {
            Map<TopicPartition, Long> lags = new HashMap<>();
            for (TopicPartition partition : kafka.assignment()) {
                kafka.currentLag(partition).ifPresent(value -> lags.put(partition, value));
            }
            return lags;
        }).subscribe().with(lags -> lags.forEach((partition, value) -> lag.record(group, partition, value)),
                failure -> Log.debugf("Lag of %s not measured: %s", RegistryEventsConsumer.CHANNEL, failure.toString()));
    }
}
