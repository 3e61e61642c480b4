package io.modulardata.security.policy;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides ALLOW or DENY for one request under one policy and the tenant's compliance mandates. Every
 * applicable reason is listed, so a caller learns all it must fix. Plain class, no I/O.
 */
public final class PolicyEvaluator {

    public static final String MISSING_PERMISSION = "missing_permission";
    public static final String GRANT_EXPIRED = "grant_expired";
    public static final String SOURCE_IP_NOT_ALLOWED = "source_ip_not_allowed";
    public static final String OUTSIDE_ALLOWED_HOURS = "outside_allowed_hours";
    public static final String ENCRYPTION_REQUIRED = "encryption_required";
    /** Followed by the framework, e.g. {@code encryption_required_by_HIPAA}. */
    public static final String ENCRYPTION_REQUIRED_BY = "encryption_required_by_";
    public static final String CLASSIFICATION_EXCEEDS_CLEARANCE = "classification_exceeds_clearance";

    private PolicyEvaluator() {
    }

    public record Request(String tenantId, String permission, String operation, String dataType, boolean encrypted,
            InetAddress sourceIp, Instant at) {
    }

    public record Decision(String decision, List<String> reasons) {
        public boolean allowed() {
            return reasons.isEmpty();
        }
    }

    /**
     * @param encryptionMandates data types a compliance framework of the tenant requires encrypted, by framework
     */
    public static Decision evaluate(SecurityPolicy policy, Request request, Map<String, List<String>> encryptionMandates) {
        List<String> reasons = new ArrayList<>();
        AccessGrant grant = policy.accessControls().get(request.tenantId());
        if (grant == null || !grant.permissions().contains(request.permission())) {
            reasons.add(MISSING_PERMISSION);
        }
        if (grant != null) {
            if (grant.expiresAt() != null && !request.at().isBefore(Instant.parse(grant.expiresAt()))) {
                reasons.add(GRANT_EXPIRED);
            }
            if (!grant.allowedCidrs().isEmpty()
                    && grant.allowedCidrs().stream().noneMatch(cidr -> NetworkConditions.inCidr(request.sourceIp(), cidr))) {
                reasons.add(SOURCE_IP_NOT_ALLOWED);
            }
            if (grant.allowedHoursUtc() != null
                    && !NetworkConditions.inHours(grant.allowedHoursUtc(), request.at().atZone(ZoneOffset.UTC).getHour())) {
                reasons.add(OUTSIDE_ALLOWED_HOURS);
            }
        }
        if (!request.encrypted()) {
            if (Boolean.TRUE.equals(policy.encryptionRequirements().get(request.dataType()))) {
                reasons.add(ENCRYPTION_REQUIRED);
            }
            encryptionMandates.forEach((framework, dataTypes) -> {
                if (dataTypes.contains(request.dataType())) {
                    reasons.add(ENCRYPTION_REQUIRED_BY + framework);
                }
            });
        }
        Classification required = Classification.parse(policy.classifications().get(request.operation()))
                .orElse(Classification.PUBLIC);
        Classification clearance = grant == null ? Classification.PUBLIC
                : Classification.parse(grant.clearance()).orElse(Classification.PUBLIC);
        if (required.compareTo(clearance) > 0) {
            reasons.add(CLASSIFICATION_EXCEEDS_CLEARANCE);
        }
        return new Decision(reasons.isEmpty() ? "ALLOW" : "DENY", List.copyOf(reasons));
    }
}
