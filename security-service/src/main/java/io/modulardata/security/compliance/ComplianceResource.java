package io.modulardata.security.compliance;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.security.Roles;
import io.modulardata.kit.security.TenantAccess;
import io.modulardata.kit.web.RequestBodies;
import io.modulardata.security.compliance.ComplianceService.ComplianceRequest;
import io.modulardata.security.compliance.ComplianceService.ComplianceView;
import io.smallrye.mutiny.Uni;

@Path("/tenants/{tenantId}/compliance/{framework}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
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
    public Uni<ComplianceView> configure(@PathParam("tenantId") String tenantId, @PathParam("framework") String framework,
            ComplianceRequest request) {
        access.requireAdmin(tenantId);
        return compliance.configure(tenantId, framework, RequestBodies.require(request), contexts.current());
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    public Uni<ComplianceView> get(@PathParam("tenantId") String tenantId, @PathParam("framework") String framework) {
        access.requireRead(tenantId);
        return compliance.get(tenantId, framework, contexts.current());
    }
}
