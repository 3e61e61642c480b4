package io.modulardata.registry.discovery;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.identity.Roles;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.security.TenantAccess;
import io.modulardata.registry.component.ComponentView;
import io.smallrye.mutiny.Uni;

@Path("/tenants/{tenantId}/components")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class DiscoveryResource {

    private final DiscoveryService discovery;
    private final TenantAccess access;

    public DiscoveryResource(DiscoveryService discovery, TenantAccess access) {
        this.discovery = discovery;
        this.access = access;
    }

    /** The tenant's granted, deployable component versions, by componentId and newest version first. */
    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "Discover the tenant's granted, deployable component versions, filtered by capability, data format and clearance")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<List<ComponentView>> discover(@PathParam("tenantId") String tenantId,
            @QueryParam("capability") List<String> capabilities,
            @QueryParam("dataFormat") List<String> dataFormats,
            @QueryParam("minClearance") String minClearance) {
        access.requireRead(tenantId);
        return discovery.discover(tenantId, DiscoveryQuery.parse(capabilities, dataFormats, minClearance));
    }
}
