package io.modulardata.registry.tenant;

import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;

/**
 * TenantRegistered and TenantConfigurationChanged carry the same configuration fields (the schemas
 * share no record type, so that each event stays self-contained); this reads and writes them by name.
 */
final class TenantConfigurationFields {

    private TenantConfigurationFields() {
    }

    static <T extends SpecificRecordBase> T write(TenantConfiguration configuration, T event) {
        event.put("tenantName", configuration.tenantName());
        event.put("dataProcessingTier", configuration.dataProcessingTier());
        event.put("maxConcurrentJobs", configuration.maxConcurrentJobs());
        event.put("maxMonthlyProcessingHours", configuration.maxMonthlyProcessingHours());
        event.put("allowedDataEnvironments", configuration.allowedDataEnvironments());
        event.put("dataStorageQuotaGb", configuration.dataStorageQuotaGb());
        event.put("customDataProcessingLimits", configuration.customDataProcessingLimits());
        return event;
    }

    @SuppressWarnings("unchecked")
    static TenantConfiguration read(SpecificRecordBase event) {
        return new TenantConfiguration(
                (String) event.get("tenantName"),
                (DataProcessingTier) event.get("dataProcessingTier"),
                (Integer) event.get("maxConcurrentJobs"),
                (Integer) event.get("maxMonthlyProcessingHours"),
                (List<DataEnvironment>) event.get("allowedDataEnvironments"),
                (Integer) event.get("dataStorageQuotaGb"),
                (Map<String, String>) event.get("customDataProcessingLimits"));
    }
}
