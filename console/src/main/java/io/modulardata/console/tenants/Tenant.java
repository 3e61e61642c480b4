package io.modulardata.console.tenants;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A tenant as its events describe it: configuration, grants, key versions and compliance frameworks. */
public record Tenant(
        String tenantId,
        String name,
        String tier,
        int maxConcurrentJobs,
        Integer maxMonthlyProcessingHours,
        List<String> allowedEnvironments,
        Integer storageQuotaGb,
        Map<String, Object> customLimits,
        Instant registeredAt,
        Instant updatedAt,
        List<Grant> grants,
        List<KeyVersion> keyVersions,
        Integer minDecryptionVersion,
        List<Framework> frameworks) {

    public record Grant(String componentKey, String componentId, String componentVersion, Instant grantedAt, String grantedBy) {
    }

    public record KeyVersion(int version, String origin, Instant createdAt, String kind) {
    }

    /** A compliance framework configured for the tenant; {@code settings} as security-service recorded them (JSON). */
    public record Framework(String name, Instant configuredAt, String configuredBy, String settings) {
    }

    public int primaryKeyVersion() {
        return keyVersions.isEmpty() ? 0 : keyVersions.get(keyVersions.size() - 1).version();
    }
}
