package io.modulardata.registry.grant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.ComponentAccessGranted;
import io.modulardata.events.ComponentAccessRevoked;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.projection.Projection;
import io.modulardata.registry.tenant.Tenant;
import io.smallrye.mutiny.Uni;

/** Projects grants and revocations onto component_grant, and moves the tenant aggregate's version. */
@ApplicationScoped
public class GrantProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof ComponentAccessGranted || event instanceof ComponentAccessRevoked;
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase event) {
        EventMetadata metadata = EventMetadata.of(event);
        Uni<Void> change;
        if (event instanceof ComponentAccessGranted granted) {
            ComponentGrant grant = new ComponentGrant();
            grant.tenantId = granted.getTenantId();
            grant.componentKey = granted.getComponentKey();
            grant.grantedAt = granted.getOccurredAt();
            grant.grantedBy = granted.getActor();
            change = grant.persist().replaceWithVoid();
        } else {
            ComponentAccessRevoked revoked = (ComponentAccessRevoked) event;
            change = ComponentGrant.delete("tenantId = ?1 and componentKey = ?2", revoked.getTenantId(), revoked.getComponentKey())
                    .replaceWithVoid();
        }
        return change.chain(() -> Tenant.<Tenant>findById(metadata.aggregateId()))
                .invoke(tenant -> tenant.version = metadata.aggregateVersion())
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> reset() {
        return ComponentGrant.delete("from ComponentGrant").replaceWithVoid();
    }
}
