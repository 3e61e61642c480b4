package io.modulardata.security.bench;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.modulardata.identity.Roles;
import io.modulardata.kit.command.CommandContexts;
import io.modulardata.kit.security.TenantAccess;
import io.modulardata.kit.web.RequestBodies;
import io.modulardata.security.encryption.EncryptionRequests.EncryptRequest;
import io.modulardata.security.encryption.EncryptionRequests.EncryptResponse;
import io.smallrye.mutiny.Uni;

/**
 * Benchmark only (test sources, never in the service): the encrypt endpoint's HTTP work without its
 * crypto and audit, as a ceiling measured in the same run. {@code /auth} does what encrypt does before
 * and after the service call (JWT, tenant check, strict JSON in, a response of the same size out);
 * {@code /plain} only the JSON in and out, no JWT. Left out of the OpenAPI document: not part of the API.
 */
@Path("/bench/tenants/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HttpCeilingResource {

    /** About the length of a Fernet token of 1 KiB. */
    private static final String TOKEN_SIZED = "g".repeat(1464);

    private final TenantAccess access;
    private final CommandContexts contexts;

    public HttpCeilingResource(TenantAccess access, CommandContexts contexts) {
        this.access = access;
        this.contexts = contexts;
    }

    @POST
    @Path("/auth")
    @Operation(hidden = true)
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    public Uni<EncryptResponse> authenticated(@PathParam("tenantId") String tenantId, EncryptRequest request) {
        access.requireRead(tenantId);
        contexts.current();
        return answer(RequestBodies.require(request));
    }

    @POST
    @Path("/plain")
    @Operation(hidden = true)
    @PermitAll
    public Uni<EncryptResponse> plain(@PathParam("tenantId") String tenantId, EncryptRequest request) {
        return answer(RequestBodies.require(request));
    }

    private static Uni<EncryptResponse> answer(EncryptRequest request) {
        return Uni.createFrom().item(new EncryptResponse(TOKEN_SIZED, "2026-01-01T00:00:00Z", "fernet_symmetric", 1,
                request.context()));
    }
}
