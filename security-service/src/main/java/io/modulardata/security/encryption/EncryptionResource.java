package io.modulardata.security.encryption;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.security.Roles;
import io.modulardata.kit.security.TenantAccess;
import io.modulardata.kit.web.RequestBodies;
import io.modulardata.security.encryption.EncryptionRequests.BatchResponse;
import io.modulardata.security.encryption.EncryptionRequests.DecryptBatchRequest;
import io.modulardata.security.encryption.EncryptionRequests.DecryptRequest;
import io.modulardata.security.encryption.EncryptionRequests.DecryptResponse;
import io.modulardata.security.encryption.EncryptionRequests.EncryptBatchRequest;
import io.modulardata.security.encryption.EncryptionRequests.EncryptRequest;
import io.modulardata.security.encryption.EncryptionRequests.EncryptResponse;
import io.modulardata.security.encryption.EncryptionRequests.RewrapRequest;
import io.modulardata.security.encryption.EncryptionRequests.RewrapResponse;
import io.smallrye.mutiny.Uni;

/** Encryption as a service for one tenant; tenant-scoped tokens reach only their own tenant. */
@Path("/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class EncryptionResource {

    private final EncryptionService encryption;
    private final TenantAccess access;
    private final CommandContexts contexts;

    public EncryptionResource(EncryptionService encryption, TenantAccess access, CommandContexts contexts) {
        this.encryption = encryption;
        this.access = access;
        this.contexts = contexts;
    }

    @POST
    @Path("/encrypt")
    public Uni<EncryptResponse> encrypt(@PathParam("tenantId") String tenantId, EncryptRequest request) {
        access.requireRead(tenantId);
        return encryption.encrypt(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/decrypt")
    public Uni<DecryptResponse> decrypt(@PathParam("tenantId") String tenantId, DecryptRequest request) {
        access.requireRead(tenantId);
        return encryption.decrypt(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/encrypt/batch")
    public Uni<BatchResponse> encryptBatch(@PathParam("tenantId") String tenantId, EncryptBatchRequest request) {
        access.requireRead(tenantId);
        return encryption.encryptBatch(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/decrypt/batch")
    public Uni<BatchResponse> decryptBatch(@PathParam("tenantId") String tenantId, DecryptBatchRequest request) {
        access.requireRead(tenantId);
        return encryption.decryptBatch(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/rewrap")
    public Uni<RewrapResponse> rewrap(@PathParam("tenantId") String tenantId, RewrapRequest request) {
        access.requireRead(tenantId);
        return encryption.rewrap(tenantId, RequestBodies.require(request), contexts.current());
    }
}
