package io.modulardata.security.policy;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.PolicyCreated;
import io.modulardata.events.PolicyUpdated;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.projection.Projection;
import io.smallrye.mutiny.Uni;

/** Projects PolicyCreated and PolicyUpdated events (each carries the whole policy document) onto security_policy. */
@ApplicationScoped
public class PolicyProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof PolicyCreated || event instanceof PolicyUpdated;
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase event) {
        EventMetadata metadata = EventMetadata.of(event);
        String document = event instanceof PolicyCreated created ? created.getDocument() : ((PolicyUpdated) event).getDocument();
        return PolicyEntity.<PolicyEntity>findById(metadata.aggregateId()).chain(existing -> {
            PolicyEntity policy = existing != null ? existing : new PolicyEntity();
            policy.policyName = metadata.aggregateId();
            policy.document = document;
            policy.version = metadata.aggregateVersion();
            policy.updatedAt = metadata.occurredAt();
            return policy.persist().replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> reset() {
        return PolicyEntity.delete("from PolicyEntity").replaceWithVoid();
    }
}
