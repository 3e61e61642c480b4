package io.modulardata.security.policy;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.SecurityEvent;
import io.modulardata.kit.projection.Projection;
import io.modulardata.security.events.SecurityEvents;
import io.smallrye.mutiny.Uni;

/** Projects policy_changed events (each carries the whole policy document) onto security_policy. */
@ApplicationScoped
public class PolicyProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof SecurityEvent security && SecurityEvents.POLICY_CHANGED.equals(security.getEventKind());
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase record) {
        SecurityEvent event = (SecurityEvent) record;
        return PolicyEntity.<PolicyEntity>findById(event.getAggregateId()).chain(existing -> {
            PolicyEntity policy = existing != null ? existing : new PolicyEntity();
            policy.policyName = event.getAggregateId();
            policy.document = event.getDetails().get(PolicyService.DOCUMENT);
            policy.version = event.getAggregateVersion();
            policy.updatedAt = event.getOccurredAt();
            return policy.persist().replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> reset() {
        return PolicyEntity.delete("from PolicyEntity").replaceWithVoid();
    }
}
