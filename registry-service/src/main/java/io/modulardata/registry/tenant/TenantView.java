package io.modulardata.registry.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.kit.json.JsonMaps;

/** A tenant as the API answers it; {@code identityProvider} null: the tenant has none of its own. */
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
        Instant updatedAt) {

    public static TenantView of(Tenant tenant) {
        TenantConfiguration configuration = tenant.configuration();
        return new TenantView(tenant.tenantId, configuration.tenantName(), configuration.dataProcessingTier(),
                configuration.maxConcurrentJobs(), configuration.maxMonthlyProcessingHours(),
                configuration.allowedDataEnvironments(), configuration.dataStorageQuotaGb(),
                JsonMaps.fromJsonText(configuration.customDataProcessingLimits()), tenant.identityProvider(), tenant.version,
                tenant.registeredAt, tenant.updatedAt);
    }
}
