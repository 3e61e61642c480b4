package io.modulardata.registry.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.TenantConfigurationChanged;
import io.modulardata.events.TenantIdentityProviderChanged;
import io.modulardata.events.TenantOffboarded;
import io.modulardata.events.TenantRegistered;
import io.modulardata.kit.projection.Projection;
import io.smallrye.mutiny.Uni;

/** Projects tenant registration, configuration, identity provider and offboarding events onto the tenant table. */
@ApplicationScoped
public class TenantProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof TenantRegistered || event instanceof TenantConfigurationChanged
                || event instanceof TenantIdentityProviderChanged || event instanceof TenantOffboarded;
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase event) {
        if (event instanceof TenantRegistered registered) {
            Tenant tenant = new Tenant();
            tenant.tenantId = registered.getAggregateId();
            tenant.configure(TenantConfigurationFields.read(registered));
            tenant.version = registered.getAggregateVersion();
            tenant.registeredAt = registered.getOccurredAt();
            tenant.updatedAt = registered.getOccurredAt();
            return tenant.persist().replaceWithVoid();
        }
        if (event instanceof TenantIdentityProviderChanged provider) {
            return Tenant.<Tenant>findById(provider.getAggregateId()).invoke(tenant -> {
                tenant.identityProviderIssuer = provider.getIssuer();
                tenant.identityProviderAudience = provider.getAudience();
                tenant.version = provider.getAggregateVersion();
                tenant.updatedAt = provider.getOccurredAt();
            }).replaceWithVoid();
        }
        if (event instanceof TenantOffboarded offboarded) {
            return Tenant.<Tenant>findById(offboarded.getAggregateId()).invoke(tenant -> {
                tenant.offboardedAt = offboarded.getOccurredAt();
                tenant.version = offboarded.getAggregateVersion();
                tenant.updatedAt = offboarded.getOccurredAt();
            }).replaceWithVoid();
        }
        TenantConfigurationChanged changed = (TenantConfigurationChanged) event;
        return Tenant.<Tenant>findById(changed.getAggregateId()).invoke(tenant -> {
            tenant.configure(TenantConfigurationFields.read(changed));
            tenant.version = changed.getAggregateVersion();
            tenant.updatedAt = changed.getOccurredAt();
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> reset() {
        return Tenant.delete("from Tenant").replaceWithVoid();
    }
}
