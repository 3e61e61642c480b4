package io.modulardata.deployment.metrics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.modulardata.deployment.deployment.PathIds;
import io.modulardata.kit.security.Roles;
import io.modulardata.kit.security.TenantAccess;
import io.smallrye.mutiny.Uni;

@Path("/tenants/{tenantId}/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class TenantMetricsResource {

    private final TenantMetricsService metrics;
    private final TenantAccess access;

    public TenantMetricsResource(TenantMetricsService metrics, TenantAccess access) {
        this.metrics = metrics;
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    public Uni<TenantMetrics> get(@PathParam("tenantId") String tenantId) {
        access.requireRead(PathIds.tenantId(tenantId));
        return metrics.of(tenantId);
    }
}
