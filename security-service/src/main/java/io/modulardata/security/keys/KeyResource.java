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

import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.security.Roles;
import io.modulardata.kit.security.TenantAccess;
import io.modulardata.kit.web.RequestBodies;
import io.smallrye.mutiny.Uni;

@Path("/tenants/{tenantId}/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
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
    public Uni<KeyRingView> list(@PathParam("tenantId") String tenantId) {
        access.requireRead(tenantId);
        return keys.get(tenantId, contexts.current());
    }

    @POST
    @Path("/rotate")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    public Uni<KeyRingView> rotate(@PathParam("tenantId") String tenantId) {
        access.requireAdmin(tenantId);
        return keys.rotate(tenantId, contexts.current());
    }

    @PUT
    @Path("/config")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    public Uni<KeyRingView> configure(@PathParam("tenantId") String tenantId, KeyConfigRequest request) {
        access.requireAdmin(tenantId);
        return keys.configure(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/import")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
    public Uni<KeyRingView> importKey(@PathParam("tenantId") String tenantId, ImportKeyRequest request) {
        access.requireAdmin(tenantId);
        return keys.importKey(tenantId, RequestBodies.require(request), contexts.current());
    }
}
