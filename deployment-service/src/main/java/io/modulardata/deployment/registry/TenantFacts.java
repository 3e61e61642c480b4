package io.modulardata.deployment.registry;

import java.util.Map;
import java.util.Set;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;

/**
 * What deployment-service knows of a tenant from registry-events. {@code tier} is null for a tenant
 * learnt before the tier was projected (until the registry knowledge is rebuilt): it counts as BASIC.
 * {@code dataStorageQuotaGb} and {@code maxMonthlyProcessingHours} null mean unlimited; {@code customDataProcessingLimits}
 * holds JSON text values.
 */
public record TenantFacts(
        String tenantId,
        int maxConcurrentJobs,
        Set<DataEnvironment> allowedDataEnvironments,
        DataProcessingTier tier,
        Integer dataStorageQuotaGb,
        Map<String, String> customDataProcessingLimits,
        Integer maxMonthlyProcessingHours) {

    /** A tenant without a monthly processing limit. */
    public TenantFacts(String tenantId, int maxConcurrentJobs, Set<DataEnvironment> allowedDataEnvironments, DataProcessingTier tier,
            Integer dataStorageQuotaGb, Map<String, String> customDataProcessingLimits) {
        this(tenantId, maxConcurrentJobs, allowedDataEnvironments, tier, dataStorageQuotaGb, customDataProcessingLimits, null);
    }
}
