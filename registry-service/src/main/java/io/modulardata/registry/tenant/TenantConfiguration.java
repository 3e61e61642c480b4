package io.modulardata.registry.tenant;

import java.util.List;
import java.util.Map;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;

/**
 * A tenant's validated configuration. Null limits mean unlimited; custom limits hold JSON text values,
 * as in the events.
 */
public record TenantConfiguration(
        String tenantName,
        DataProcessingTier dataProcessingTier,
        int maxConcurrentJobs,
        Integer maxMonthlyProcessingHours,
        List<DataEnvironment> allowedDataEnvironments,
        Integer dataStorageQuotaGb,
        Map<String, String> customDataProcessingLimits) {

    public TenantConfiguration {
        allowedDataEnvironments = List.copyOf(allowedDataEnvironments);
        customDataProcessingLimits = Map.copyOf(customDataProcessingLimits);
    }
}
