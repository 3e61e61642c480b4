package io.modulardata.bench;

/** Request bodies the benchmarks send: registry-service/README.md's examples with numbered ids. */
final class Bodies {

    static final String[] CAPABILITIES = {"transform", "validate", "enrich", "aggregate", "stream"};
    static final String[] FORMATS = {"csv", "parquet", "json", "avro"};

    private Bodies() {
    }

    static String tenant(String tenantId) {
        return """
                {"tenantId": "%s", "tenantName": "Bench %s", "dataProcessingTier": "PROFESSIONAL",
                 "maxConcurrentJobs": 5, "maxMonthlyProcessingHours": null,
                 "allowedDataEnvironments": ["DEVELOPMENT", "STAGING"], "dataStorageQuotaGb": 500,
                 "customDataProcessingLimits": {}}""".formatted(tenantId, tenantId);
    }

    /** Component {@code i}: capabilities and formats vary with i so discovery filters have work to do. */
    static String component(String componentId, long i) {
        return """
                {"componentId": "%s", "componentName": "Bench %s", "componentVersion": "1.0.%d",
                 "dataProcessingCapabilities": ["%s", "%s"], "supportedDataFormats": ["%s"],
                 "resourceRequirements": {"cpu": 2, "memory": "4Gi"}, "securityClearanceLevel": "internal",
                 "complianceCertifications": ["SOC2"], "dependencies": []}""".formatted(componentId, componentId, i % 1000,
                CAPABILITIES[(int) (i % CAPABILITIES.length)], CAPABILITIES[(int) ((i + 1) % CAPABILITIES.length)],
                FORMATS[(int) (i % FORMATS.length)]);
    }

    static String componentKey(String componentId, long i) {
        return componentId + "-1.0." + (i % 1000);
    }
}
