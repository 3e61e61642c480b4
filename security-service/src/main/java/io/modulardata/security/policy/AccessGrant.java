package io.modulardata.security.policy;

import java.util.List;

/**
 * What one tenant may do under a policy: permissions, an optional expiry (ISO-8601 instant), optional
 * conditions (source CIDRs, UTC hour window "08-18") and the highest classification it may touch.
 */
public record AccessGrant(List<String> permissions, String expiresAt, List<String> allowedCidrs, String allowedHoursUtc,
        String clearance) {
}
