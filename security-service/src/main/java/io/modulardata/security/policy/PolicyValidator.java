package io.modulardata.security.policy;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import io.modulardata.kit.problem.FieldErrors;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.security.policy.PolicyRequests.AccessControlRequest;
import io.modulardata.security.policy.PolicyRequests.EvaluationRequest;
import io.modulardata.security.web.IsoInstants;
import io.modulardata.security.web.TenantIds;

/** Checks policy requests field by field; every problem is a 400 naming the field. Plain class. */
public final class PolicyValidator {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final String NAME_HINT = "1-64 of a-z0-9_.- starting with a letter or digit";
    private static final Classification DEFAULT_CLEARANCE = Classification.INTERNAL;
    /** Permissions and source ranges one grant may list. */
    public static final int MAX_PERMISSIONS = 100;
    public static final int MAX_CIDRS = 100;

    private PolicyValidator() {
    }

    public static void name(String field, String value) {
        new FieldErrors().text(field, value, 64, NAME, NAME_HINT).throwIfAny();
    }

    public static AccessGrant accessGrant(String tenantId, AccessControlRequest request) {
        TenantIds.require(tenantId);
        FieldErrors errors = new FieldErrors().nonEmpty("permissions", request.permissions(), MAX_PERMISSIONS);
        if (request.permissions() != null) {
            // Beyond the cap the list is refused as a whole: its elements are not even read.
            for (int i = 0; i < Math.min(request.permissions().size(), MAX_PERMISSIONS); i++) {
                errors.text("permissions[" + i + "]", request.permissions().get(i), 64, NAME, NAME_HINT);
            }
        }
        if (request.expiresAt() != null && IsoInstants.parse(request.expiresAt()) == null) {
            errors.add("expiresAt", "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
        List<String> cidrs = List.of();
        String hours = null;
        if (request.conditions() != null) {
            if (request.conditions().allowedCidrs() != null) {
                cidrs = request.conditions().allowedCidrs();
                if (cidrs.size() > MAX_CIDRS) {
                    errors.add("conditions.allowedCidrs", "must contain at most " + MAX_CIDRS + " values");
                }
                for (int i = 0; i < Math.min(cidrs.size(), MAX_CIDRS); i++) {
                    if (!NetworkConditions.isValidCidr(cidrs.get(i))) {
                        errors.add("conditions.allowedCidrs[" + i + "]", "must be a CIDR such as 10.0.0.0/8");
                    }
                }
            }
            hours = request.conditions().allowedHoursUtc();
            if (hours != null && !NetworkConditions.isValidHours(hours)) {
                errors.add("conditions.allowedHoursUtc", "must be HH-HH in UTC such as 08-18 (end exclusive)");
            }
        }
        Classification clearance = DEFAULT_CLEARANCE;
        if (request.clearance() != null) {
            clearance = Classification.parse(request.clearance()).orElse(null);
            if (clearance == null) {
                errors.add("clearance", "must be " + Classification.CHOICES);
            }
        }
        errors.throwIfAny();
        String expiresAt = request.expiresAt() == null ? null : IsoInstants.parse(request.expiresAt()).toString();
        return new AccessGrant(List.copyOf(request.permissions()), expiresAt, List.copyOf(cidrs), hours, clearance.label());
    }

    public static Classification classification(String operation, String value) {
        name("operation", operation);
        return Classification.parse(value).orElseThrow(() -> new InvalidRequestException("classification",
                value == null ? "is required" : "must be " + Classification.CHOICES));
    }

    public static PolicyEvaluator.Request evaluation(EvaluationRequest request) {
        FieldErrors errors = new FieldErrors();
        if (!TenantIds.isValid(request.tenantId())) {
            errors.add("tenantId", request.tenantId() == null ? "is required" : "must be 1-32 of a-z0-9- and not 'platform'");
        }
        errors.text("permission", request.permission(), 64, NAME, NAME_HINT)
                .text("operation", request.operation(), 64, NAME, NAME_HINT)
                .text("dataType", request.dataType(), 64, NAME, NAME_HINT)
                .required("encrypted", request.encrypted());
        var ip = NetworkConditions.address(request.sourceIp());
        if (request.sourceIp() == null) {
            errors.add("sourceIp", "is required");
        } else if (request.sourceIp().length() > IpLiterals.MAX_LENGTH) {
            errors.add("sourceIp", "must be at most " + IpLiterals.MAX_LENGTH + " characters: a literal IPv4 or IPv6 address");
        } else if (ip == null) {
            errors.add("sourceIp", "must be a literal IPv4 or IPv6 address");
        }
        Instant at = request.at() == null ? Instant.now() : IsoInstants.parse(request.at());
        if (at == null) {
            errors.add("at", "must be an ISO-8601 instant such as 2030-01-01T09:30:00Z");
        }
        errors.throwIfAny();
        return new PolicyEvaluator.Request(request.tenantId(), request.permission(), request.operation(), request.dataType(),
                request.encrypted(), ip, at);
    }
}
