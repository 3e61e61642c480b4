package io.modulardata.registry.tenant;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import io.modulardata.identity.Roles;
import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.security.TenantAccess;
import io.modulardata.kit.web.Created;
import io.modulardata.kit.web.RequestBodies;
import io.smallrye.mutiny.Uni;

@Path("/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class TenantResource {

    private final TenantService tenants;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public TenantResource(TenantService tenants, TenantAccess access, CommandContexts contexts) {
        this.tenants = tenants;
        this.access = access;
        this.contexts = contexts;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Register a tenant, optionally with its own identity provider (platform-admin)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<RestResponse<TenantView>> register(TenantRequest request) {
        return tenants.register(RequestBodies.require(request), contexts.current())
                .map(view -> Created.at("/tenants/" + view.tenantId(), view));
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "List the tenants the caller may see")
    @APIResponse(responseCode = "200")
    public Uni<List<TenantView>> list() {
        return access.seesAllTenants() ? tenants.listAll() : tenants.listOwn(access.ownTenant());
    }

    @GET
    @Path("/{tenantId}")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "Get one tenant")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<TenantView> get(@PathParam("tenantId") String tenantId) {
        access.requireRead(tenantId);
        return tenants.get(tenantId);
    }

    @PUT
    @Path("/{tenantId}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Reconfigure a tenant: tier, quotas, allowed data environments, its own identity provider (platform-admin; left out: removed)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "410", ref = ProblemResponses.GONE)
    public Uni<TenantView> reconfigure(@PathParam("tenantId") String tenantId, TenantRequest request) {
        return tenants.reconfigure(tenantId, RequestBodies.require(request), contexts.current());
    }

    /**
     * Offboards the tenant (TenantOffboarded). Accepted rather than done: security-service destroys the tenant's
     * keys and deployment-service removes its deployments when they read the event.
     */
    @DELETE
    @Path("/{tenantId}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Offboard a tenant for good: its commands answer 410 from now on (platform-admin)")
    @APIResponse(responseCode = "202")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<RestResponse<TenantView>> offboard(@PathParam("tenantId") String tenantId) {
        return tenants.offboard(tenantId, contexts.current()).map(RestResponse::accepted);
    }

}
