package io.modulardata.security.compliance;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.SecurityEvent;
import io.modulardata.kit.projection.Projection;
import io.modulardata.security.events.SecurityEvents;
import io.smallrye.mutiny.Uni;

/** Projects compliance_configuration events (they carry the whole effective settings) onto compliance_configuration. */
@ApplicationScoped
public class ComplianceProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof SecurityEvent security
                && SecurityEvents.COMPLIANCE_CONFIGURATION.equals(security.getEventKind()) && security.getSuccess();
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase record) {
        SecurityEvent event = (SecurityEvent) record;
        return ComplianceConfiguration.<ComplianceConfiguration>findById(event.getAggregateId()).chain(existing -> {
            ComplianceConfiguration configuration = existing != null ? existing : new ComplianceConfiguration();
            configuration.id = event.getAggregateId();
            configuration.tenantId = event.getTenantId();
            configuration.framework = event.getDetails().get(ComplianceService.FRAMEWORK);
            configuration.settings = event.getDetails().get(ComplianceService.SETTINGS);
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
