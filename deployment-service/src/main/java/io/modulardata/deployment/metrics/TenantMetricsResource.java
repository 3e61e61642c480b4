package io.modulardata.deployment.metrics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.deployment.deploy.PathIds;
import io.modulardata.identity.Roles;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.security.TenantAccess;
import io.smallrye.mutiny.Uni;

@Path("/tenants/{tenantId}/metrics")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class TenantMetricsResource {

    private final TenantMetricsService metrics;
    private final TenantAccess access;

    public TenantMetricsResource(TenantMetricsService metrics, TenantAccess access) {
        this.metrics = metrics;
        this.access = access;
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "Get the tenant's deployment metrics: running components, deployments, failures, processing hours")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<TenantMetrics> get(@PathParam("tenantId") String tenantId) {
        access.requireRead(PathIds.tenantId(tenantId));
        return metrics.of(tenantId);
    }
}
