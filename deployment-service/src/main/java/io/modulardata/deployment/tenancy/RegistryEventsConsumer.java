package io.modulardata.deployment.tenancy;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Consumes registry-events (at least once) into {@link RegistryFacts}; each event is applied in its
 * own transaction together with its processed marker, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class RegistryEventsConsumer {

    public static final String CHANNEL = "registry-events";

    private final RegistryFacts facts;

    public RegistryEventsConsumer(RegistryFacts facts) {
        this.facts = facts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(GenericRecord event) {
        return Panache.withTransaction(() -> facts.applyOnce(event)).replaceWithVoid();
    }
}
