package io.modulardata.registry.grant;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import io.smallrye.mutiny.Uni;

@Path("/tenants/{tenantId}/grants")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class GrantResource {

    private final GrantService grants;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public GrantResource(GrantService grants, TenantAccess access, CommandContexts contexts) {
        this.grants = grants;
        this.access = access;
        this.contexts = contexts;
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "List the tenant's grants")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<List<GrantView>> list(@PathParam("tenantId") String tenantId) {
        access.requireRead(tenantId);
        return grants.grants(tenantId);
    }

    /** 201 when the grant is new, 200 when it already existed. */
    @PUT
    @Path("/{componentKey}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Grant the tenant a component version; 201 when new, 200 when it already existed (platform-admin)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "410", ref = ProblemResponses.GONE)
    public Uni<RestResponse<GrantView>> grant(@PathParam("tenantId") String tenantId, @PathParam("componentKey") String componentKey) {
        return grants.grant(tenantId, componentKey, contexts.current()).map(result -> result.created()
                ? Created.at("/tenants/" + tenantId + "/grants/" + componentKey, result.grant())
                : RestResponse.ok(result.grant()));
    }

    @DELETE
    @Path("/{componentKey}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Revoke the tenant's grant of a component version (platform-admin)")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "410", ref = ProblemResponses.GONE)
    public Uni<RestResponse<Void>> revoke(@PathParam("tenantId") String tenantId, @PathParam("componentKey") String componentKey) {
        return grants.revoke(tenantId, componentKey, contexts.current()).map(done -> RestResponse.noContent());
    }
}
