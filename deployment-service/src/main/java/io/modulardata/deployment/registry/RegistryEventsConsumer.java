package io.modulardata.deployment.registry;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.modulardata.deployment.rollout.RolloutExecutor;
import io.modulardata.events.TenantOffboarded;
import io.modulardata.kit.metrics.EventsConsumed;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Consumes registry-events (at least once) into {@link RegistryFacts}, a poll's batch at a time: the
 * batch is applied in one transaction together with the events' processed markers, so a redelivered
 * event changes nothing, and a busy registry costs one commit per poll rather than one per event. An
 * offboarding wakes the rollout executor, which removes the tenant from the cluster.
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    public static final String CHANNEL = "registry-events";

    private final RegistryFacts facts;
    private final EventsConsumed consumed;
    private final String group;
    private final String topic;
    private final RolloutExecutor executor;

    public RegistryEventsConsumer(RegistryFacts facts, EventsConsumed consumed, RolloutExecutor executor,
            @ConfigProperty(name = "mp.messaging.incoming." + CHANNEL + ".group.id") String group,
            @ConfigProperty(name = "mp.messaging.incoming." + CHANNEL + ".topic") String topic) {
        this.facts = facts;
        this.consumed = consumed;
        this.executor = executor;
        this.group = group;
        this.topic = topic;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(List<GenericRecord> batch) {
        return Panache.withTransaction(() -> facts.applyAllOnce(batch))
                .invoke(() -> consumed.record(group, topic, batch.size()))
                .invoke(() -> {
                    if (batch.stream().anyMatch(RegistryEventsConsumer::isOffboarding)) {
                        executor.wake();
                    }
                }).replaceWithVoid();
    }

    private static boolean isOffboarding(GenericRecord event) {
        return event != null && TenantOffboarded.class.getSimpleName().equals(event.getSchema().getName());
    }
}
