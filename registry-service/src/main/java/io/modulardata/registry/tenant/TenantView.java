package io.modulardata.registry.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.kit.json.JsonMaps;

/**
 * A tenant as the API answers it; {@code identityProvider} null: the tenant has none of its own; {@code offboardedAt}
 * null: it has not left the platform.
 */
public record TenantView(
        String tenantId,
        String tenantName,
        DataProcessingTier dataProcessingTier,
        int maxConcurrentJobs,
        Integer maxMonthlyProcessingHours,
        List<DataEnvironment> allowedDataEnvironments,
        Integer dataStorageQuotaGb,
        Map<String, JsonNode> customDataProcessingLimits,
        IdentityProvider identityProvider,
        long version,
        Instant registeredAt,
        Instant updatedAt,
        Instant offboardedAt) {

    public static TenantView of(Tenant tenant) {
        TenantConfiguration configuration = tenant.configuration();
        return new TenantView(tenant.tenantId, configuration.tenantName(), configuration.dataProcessingTier(),
                configuration.maxConcurrentJobs(), configuration.maxMonthlyProcessingHours(),
                configuration.allowedDataEnvironments(), configuration.dataStorageQuotaGb(),
                JsonMaps.fromJsonText(configuration.customDataProcessingLimits()), tenant.identityProvider(), tenant.version,
                tenant.registeredAt, tenant.updatedAt, tenant.offboardedAt);
    }
}
