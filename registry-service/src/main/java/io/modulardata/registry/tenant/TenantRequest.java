package io.modulardata.registry.tenant;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;

/**
 * Body of POST /tenants and PUT /tenants/{tenantId} (tenantId is optional on PUT). PUT replaces the whole
 * configuration: an identityProvider left out of it is removed.
 */
public record TenantRequest(
        String tenantId,
        String tenantName,
        DataProcessingTier dataProcessingTier,
        Integer maxConcurrentJobs,
        Integer maxMonthlyProcessingHours,
        List<DataEnvironment> allowedDataEnvironments,
        Integer dataStorageQuotaGb,
        Map<String, JsonNode> customDataProcessingLimits,
        IdentityProvider identityProvider) {

    /** A request without an identity provider of the tenant's own. */
    public TenantRequest(String tenantId, String tenantName, DataProcessingTier dataProcessingTier, Integer maxConcurrentJobs,
            Integer maxMonthlyProcessingHours, List<DataEnvironment> allowedDataEnvironments, Integer dataStorageQuotaGb,
            Map<String, JsonNode> customDataProcessingLimits) {
        this(tenantId, tenantName, dataProcessingTier, maxConcurrentJobs, maxMonthlyProcessingHours, allowedDataEnvironments,
                dataStorageQuotaGb, customDataProcessingLimits, null);
    }
}
