package io.modulardata.registry.tenant;

import io.modulardata.kit.security.IssuerUrls;

/**
 * A tenant's own OpenID Connect provider: tokens whose {@code iss} is {@code issuer} and whose {@code aud} holds
 * {@code audience} are accepted for this tenant only (service-kit/README.md, "Identity"). In a request
 * {@code audience} may be left out (then {@link #DEFAULT_AUDIENCE}).
 */
public record IdentityProvider(String issuer, String audience) {

    public static final String DEFAULT_AUDIENCE = "modulardata";

    /** The issuer as two providers are compared (as the services compare a token's {@code iss}). */
    public String comparableIssuer() {
        return IssuerUrls.comparable(issuer);
    }
}
