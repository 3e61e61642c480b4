package io.modulardata.registry.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.TenantConfigurationChanged;
import io.modulardata.events.TenantIdentityProviderChanged;
import io.modulardata.events.TenantOffboarded;
import io.modulardata.events.TenantRegistered;
import io.modulardata.kit.events.EventMetadata;

/** Decides the events of tenant commands; plain domain logic, no I/O. */
public final class TenantEvents {

    public static final String AGGREGATE_TYPE = "tenant";

    private TenantEvents() {
    }

    public static TenantRegistered registered(TenantConfiguration configuration, EventMetadata metadata) {
        return metadata.stamp(TenantConfigurationFields.write(configuration, new TenantRegistered()));
    }

    /** The change event, or empty when the requested configuration equals the current one. */
    public static Optional<TenantConfigurationChanged> reconfigured(TenantConfiguration current, TenantConfiguration requested,
            EventMetadata metadata) {
        List<String> changed = changedFields(current, requested);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        TenantConfigurationChanged event = TenantConfigurationFields.write(requested, new TenantConfigurationChanged());
        event.setChangedFields(changed);
        return Optional.of(metadata.stamp(event));
    }

    /** The change of the tenant's own identity provider (null: none), or empty when it stays the same. */
    public static Optional<TenantIdentityProviderChanged> identityProviderChanged(IdentityProvider current, IdentityProvider requested,
            EventMetadata metadata) {
        if (Objects.equals(current, requested)) {
            return Optional.empty();
        }
        TenantIdentityProviderChanged event = new TenantIdentityProviderChanged();
        event.setIssuer(requested == null ? null : requested.issuer());
        event.setAudience(requested == null ? null : requested.audience());
        return Optional.of(metadata.stamp(event));
    }

    /**
     * The events of offboarding a tenant: its own identity provider removed first (so every service stops trusting
     * it from the event it already knows), then the departure itself; each with metadata of its own (its own eventId).
     */
    public static List<SpecificRecordBase> offboarded(Tenant tenant, Supplier<EventMetadata> metadata) {
        List<SpecificRecordBase> events = new ArrayList<>();
        identityProviderChanged(tenant.identityProvider(), null, metadata.get()).ifPresent(events::add);
        events.add(metadata.get().stamp(new TenantOffboarded()));
        return events;
    }

    static List<String> changedFields(TenantConfiguration a, TenantConfiguration b) {
        List<String> changed = new ArrayList<>();
        addIfDifferent(changed, "tenantName", a.tenantName(), b.tenantName());
        addIfDifferent(changed, "dataProcessingTier", a.dataProcessingTier(), b.dataProcessingTier());
        addIfDifferent(changed, "maxConcurrentJobs", a.maxConcurrentJobs(), b.maxConcurrentJobs());
        addIfDifferent(changed, "maxMonthlyProcessingHours", a.maxMonthlyProcessingHours(), b.maxMonthlyProcessingHours());
        addIfDifferent(changed, "allowedDataEnvironments", a.allowedDataEnvironments(), b.allowedDataEnvironments());
        addIfDifferent(changed, "dataStorageQuotaGb", a.dataStorageQuotaGb(), b.dataStorageQuotaGb());
        addIfDifferent(changed, "customDataProcessingLimits", a.customDataProcessingLimits(), b.customDataProcessingLimits());
        return changed;
    }

    private static void addIfDifferent(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }
}
