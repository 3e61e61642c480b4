package io.modulardata.registry.grant;

import java.time.Instant;

/** A grant as the API answers it. */
public record GrantView(String tenantId, String componentKey, Instant grantedAt, String grantedBy) {

    public static GrantView of(ComponentGrant grant) {
        return new GrantView(grant.tenantId, grant.componentKey, grant.grantedAt, grant.grantedBy);
    }
}
