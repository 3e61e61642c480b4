package io.modulardata.security.encryption;

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
@APIResponse(responseCode = "503", ref = ProblemResponses.SERVICE_UNAVAILABLE)
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
    @Operation(summary = "Encrypt data with the tenant's primary key (Fernet)")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<EncryptResponse> encrypt(@PathParam("tenantId") String tenantId, EncryptRequest request) {
        access.requireRead(tenantId);
        return encryption.encrypt(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/decrypt")
    @Operation(summary = "Decrypt a Fernet token with the tenant's key ring")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "410", ref = ProblemResponses.GONE)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<DecryptResponse> decrypt(@PathParam("tenantId") String tenantId, DecryptRequest request) {
        access.requireRead(tenantId);
        return encryption.decrypt(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/encrypt/batch")
    @Operation(summary = "Encrypt many items in one call")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<BatchResponse> encryptBatch(@PathParam("tenantId") String tenantId, EncryptBatchRequest request) {
        access.requireRead(tenantId);
        return encryption.encryptBatch(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/decrypt/batch")
    @Operation(summary = "Decrypt many tokens in one call")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<BatchResponse> decryptBatch(@PathParam("tenantId") String tenantId, DecryptBatchRequest request) {
        access.requireRead(tenantId);
        return encryption.decryptBatch(tenantId, RequestBodies.require(request), contexts.current());
    }

    @POST
    @Path("/rewrap")
    @Operation(summary = "Re-encrypt a token under the tenant's current primary key")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "410", ref = ProblemResponses.GONE)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public Uni<RewrapResponse> rewrap(@PathParam("tenantId") String tenantId, RewrapRequest request) {
        access.requireRead(tenantId);
        return encryption.rewrap(tenantId, RequestBodies.require(request), contexts.current());
    }
}
