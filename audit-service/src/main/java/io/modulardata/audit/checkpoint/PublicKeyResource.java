package io.modulardata.audit.checkpoint;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.modulardata.identity.Roles;

@Path("/audit/public-key")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN})
public class PublicKeyResource {

    /** The key that verifies checkpoint signatures. */
    public record PublicKeyView(String algorithm, String keyId, String publicKeyPem) {
    }

    private final SigningKey key;

    public PublicKeyResource(SigningKey key) {
        this.key = key;
    }

    @GET
    @Operation(summary = "Get the public key that verifies checkpoint signatures")
    public PublicKeyView publicKey() {
        return new PublicKeyView(SigningKey.ALGORITHM, key.keyId(), key.publicKeyPem());
    }
}
