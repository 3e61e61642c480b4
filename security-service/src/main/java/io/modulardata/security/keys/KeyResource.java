package io.modulardata.security.keys;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import io.smallrye.mutiny.Uni;

@Path("/tenants/{tenantId}/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
public class KeyResource {

    private final KeyService keys;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public KeyResource(KeyService keys, TenantAccess access, CommandContexts contexts) {
        this.keys = keys;
        this.access = access;
        this.contexts = contexts;
    }

    @GET
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(summary = "Get the tenant's key ring: versions and configuration, never key material")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<KeyRingView> list(@PathParam("tenantId") String tenantId) {
        access.requireRead(tenantId);
        return keys.get(tenantId, contexts.current());
    }

    @POST
    @Path("/rotate")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(summary = "Rotate the tenant key: a new primary version")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<KeyRingView> rotate(@PathParam("tenantId") String tenantId) {
        access.requireAdmin(tenantId);
        return keys.rotate(tenantId, contexts.current());
    }

    @PUT
    @Path("/config")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(summary = "Configure the tenant's key ring: minimum decryption version, rotation")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<KeyRingView> configure(@PathParam("tenantId") String tenantId, KeyConfigRequest request) {
        access.requireAdmin(tenantId);
        return keys.configure(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/import")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    @Operation(summary = "Import an existing Fernet key as the new primary version")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    public Uni<KeyRingView> importKey(@PathParam("tenantId") String tenantId, ImportKeyRequest request) {
        access.requireAdmin(tenantId);
        return keys.importKey(tenantId, RequestBodies.require(request), contexts.current());
    }
}
