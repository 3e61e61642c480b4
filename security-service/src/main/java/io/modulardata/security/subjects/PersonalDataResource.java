package io.modulardata.security.subjects;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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
import io.modulardata.security.subjects.PersonalDataService.OpenRequest;
import io.modulardata.security.subjects.PersonalDataService.Opened;
import io.smallrye.mutiny.Uni;

/** Auditors and the tenant's admins read sealed personal fields of events in clear, until the subject's erasure. */
@Path("/tenants/{tenantId}/personal-data/open")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class PersonalDataResource {

    private final PersonalDataService personalData;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public PersonalDataResource(PersonalDataService personalData, TenantAccess access, CommandContexts contexts) {
        this.personalData = personalData;
        this.access = access;
        this.contexts = contexts;
    }

    @POST
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN})
    @Operation(summary = "Open a personal field an event carries sealed under its data subject's key")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "410", ref = ProblemResponses.GONE)
    public Uni<Opened> open(@PathParam("tenantId") String tenantId, OpenRequest request) {
        access.requireRead(tenantId);
        return personalData.open(tenantId, RequestBodies.require(request), contexts.current());
    }
}
