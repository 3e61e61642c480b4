package io.modulardata.security.subjects;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.modulardata.identity.Roles;
import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.openapi.ProblemResponses;
import io.modulardata.kit.security.TenantAccess;
import io.smallrye.mutiny.Uni;

@Path("/tenants/{tenantId}/subjects/{subjectId}/erasure")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class ErasureResource {

    private final ErasureService erasures;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public ErasureResource(ErasureService erasures, TenantAccess access, CommandContexts contexts) {
        this.erasures = erasures;
        this.access = access;
        this.contexts = contexts;
    }

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(summary = "Erase a data subject: destroy its keys, so none of its payloads or personal fields can be read again")
    @APIResponse(responseCode = "202")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<Response> erase(@PathParam("tenantId") String tenantId, @PathParam("subjectId") String subjectId) {
        access.requireAdmin(tenantId);
        return erasures.erase(tenantId, subjectId, contexts.current())
                .map(erasure -> Response.accepted(erasure).build());
    }
}
