package io.modulardata.security.offboarding;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.security.TenantAccess;

/**
 * Every request naming an offboarded tenant ({@code {tenantId}} in its path) answers 410: decrypting, rewrapping
 * and opening personal data {@code key-shredded} (the keys are gone), everything else {@code tenant-offboarded}.
 * A caller that may not see the tenant gets what the resource answers it (404/403), never a hint that it left.
 */
public class OffboardedTenantFilter {

    private final OffboardedTenants offboarded;
    private final TenantAccess access;

    public OffboardedTenantFilter(OffboardedTenants offboarded, TenantAccess access) {
        this.offboarded = offboarded;
        this.access = access;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void refuseOffboardedTenants(ContainerRequestContext request) {
        String tenantId = request.getUriInfo().getPathParameters().getFirst("tenantId");
        if (!offboarded.contains(tenantId) || !access.canRead(tenantId)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (path.endsWith("/decrypt") || path.endsWith("/decrypt/batch") || path.endsWith("/rewrap")
                || path.endsWith("/personal-data/open")) {
            throw OffboardedTenants.keysShredded(tenantId);
        }
        throw ApiProblemException.tenantOffboarded(tenantId);
    }
}
