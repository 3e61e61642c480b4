package io.modulardata.security.web;

import java.util.regex.Pattern;

import io.modulardata.events.PlatformEvents;
import io.modulardata.kit.problem.InvalidRequestException;

/** Tenant ids as registry-service defines them: 1-32 of a-z0-9-, {@code platform} reserved. */
public final class TenantIds {

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9-]{1,32}");

    private TenantIds() {
    }

    public static boolean isValid(String tenantId) {
        return tenantId != null && TENANT_ID.matcher(tenantId).matches() && !PlatformEvents.PLATFORM_TENANT.equals(tenantId);
    }

    public static String require(String tenantId) {
        if (!isValid(tenantId)) {
            throw new InvalidRequestException("tenantId", "must be 1-32 of a-z0-9- and not 'platform'");
        }
        return tenantId;
    }
}
