package io.modulardata.security.compliance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.identity.Roles;
import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.security.TenantAccess;
import io.modulardata.kit.web.RequestBodies;
import io.modulardata.security.compliance.ComplianceService.ComplianceRequest;
import io.modulardata.security.compliance.ComplianceService.ComplianceView;
import io.smallrye.mutiny.Uni;

@Path("/tenants/{tenantId}/compliance/{framework}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class ComplianceResource {

    private final ComplianceService compliance;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public ComplianceResource(ComplianceService compliance, TenantAccess access, CommandContexts contexts) {
        this.compliance = compliance;
        this.access = access;
        this.contexts = contexts;
    }

    @PUT
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(summary = "Configure one compliance framework for the tenant (platform-admin or the tenant's tenant-admin)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<ComplianceView> configure(@PathParam("tenantId") String tenantId, @PathParam("framework") String framework,
            ComplianceRequest request) {
        access.requireAdmin(tenantId);
        return compliance.configure(tenantId, framework, RequestBodies.require(request), contexts.current());
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "Get the tenant's configuration of one compliance framework")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<ComplianceView> get(@PathParam("tenantId") String tenantId, @PathParam("framework") String framework) {
        access.requireRead(tenantId);
        return compliance.get(tenantId, framework, contexts.current());
    }
}
