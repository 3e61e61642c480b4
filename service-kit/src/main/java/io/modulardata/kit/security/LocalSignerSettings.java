package io.modulardata.kit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The platform's own token signer ({@code infra/platform token}, the tests): its public key and issuer, from
 * {@code MDP_JWT_PUBLIC_KEY_LOCATION} and {@code MDP_JWT_ISSUER}. Always trusted, beside any OIDC provider.
 */
@ConfigMapping(prefix = "modulardata.jwt")
public interface LocalSignerSettings {

    String DEFAULT_ISSUER = "https://modulardata.io/platform";

    /** A PEM public key: a file path, a {@code file:} URI, or a {@code classpath:} resource. */
    String publicKeyLocation();

    @WithDefault(DEFAULT_ISSUER)
    String issuer();
}
