package io.modulardata.console.signin;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The console's own side of single sign-on: its client at the organisation's provider and its session. The provider
 * itself (issuer, roles and tenant claims, role mapping) is the services' {@code MDP_OIDC_*}, read through identity's
 * {@link io.modulardata.identity.OrganisationIssuerSettings}.
 */
@ConfigMapping(prefix = "console.oidc")
public interface OrganisationSignOnSettings {

    /** The console's public client at the provider (authorization code flow with PKCE). */
    @WithDefault("modulardata-console")
    String clientId();

    /**
     * Encrypts the session cookie (the user's tokens) and the state of a sign-in under way: at least 32
     * characters, the same on every replica. Unset: a random one per start, so a restart signs users in again
     * (their provider session stays, so that is one redirect and no password).
     */
    Optional<String> sessionSecret();
}
