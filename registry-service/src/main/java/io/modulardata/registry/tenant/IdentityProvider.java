package io.modulardata.registry.tenant;

/**
 * A tenant's own OpenID Connect provider: tokens whose {@code iss} is {@code issuer} and whose {@code aud} holds
 * {@code audience} are accepted for this tenant only (service-kit/README.md, "Identity"). In a request
 * {@code audience} may be left out (then {@link #DEFAULT_AUDIENCE}).
 */
public record IdentityProvider(String issuer, String audience) {

    public static final String DEFAULT_AUDIENCE = "modulardata";

    /** The issuer as two providers are compared: a trailing slash names the same issuer. */
    public String comparableIssuer() {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
