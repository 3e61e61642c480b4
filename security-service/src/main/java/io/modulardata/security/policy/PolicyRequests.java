package io.modulardata.security.policy;

import java.util.List;

/** Request bodies of the policy endpoints. */
public final class PolicyRequests {

    private PolicyRequests() {
    }

    public record PolicyRequest(String description) {
    }

    public record Conditions(List<String> allowedCidrs, String allowedHoursUtc) {
    }

    /** {@code clearance}: highest classification the tenant may touch (default internal). */
    public record AccessControlRequest(List<String> permissions, String expiresAt, Conditions conditions, String clearance) {
    }

    public record ClassificationRequest(String classification) {
    }

    public record EncryptionRequirementRequest(Boolean required) {
    }

    public record EvaluationRequest(String tenantId, String permission, String operation, String dataType, Boolean encrypted,
            String sourceIp, String at) {
    }
}
