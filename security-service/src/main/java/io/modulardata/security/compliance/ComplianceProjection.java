package io.modulardata.security.compliance;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.ComplianceConfigured;
import io.modulardata.kit.projection.Projection;
import io.smallrye.mutiny.Uni;

/** Projects ComplianceConfigured events (they carry the whole effective settings) onto compliance_configuration. */
@ApplicationScoped
public class ComplianceProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof ComplianceConfigured;
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase record) {
        ComplianceConfigured event = (ComplianceConfigured) record;
        return ComplianceConfiguration.<ComplianceConfiguration>findById(event.getAggregateId()).chain(existing -> {
            ComplianceConfiguration configuration = existing != null ? existing : new ComplianceConfiguration();
            configuration.id = event.getAggregateId();
            configuration.tenantId = event.getTenantId();
            configuration.framework = event.getFramework();
            configuration.settings = event.getSettings();
            configuration.version = event.getAggregateVersion();
            configuration.updatedAt = event.getOccurredAt();
            return configuration.persist().replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> reset() {
        return ComplianceConfiguration.delete("from ComplianceConfiguration").replaceWithVoid();
    }
}
