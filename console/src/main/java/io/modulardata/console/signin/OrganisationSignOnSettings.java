package io.modulardata.console.signin;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Single sign-on through the organisation's OpenID Connect provider: the same {@code MDP_OIDC_*} settings the
 * services read (service-kit/README.md, "Identity"), plus the console's own client. Without an issuer the
 * console signs users in with platform tokens only.
 */
@ConfigMapping(prefix = "console.oidc")
public interface OrganisationSignOnSettings {

    /** {@code MDP_OIDC_ISSUER}; unset: no single sign-on. */
    Optional<String> issuer();

    /** The console's public client at the provider (authorization code flow with PKCE). */
    @WithDefault("modulardata-console")
    String clientId();

    /** Where the access token holds the roles, as a path of claim names ({@code MDP_OIDC_ROLES_CLAIM}). */
    @WithDefault("realm_access/roles")
    String rolesClaim();

    /** The access token's claim naming the tenant ({@code MDP_OIDC_TENANT_CLAIM}). */
    @WithDefault("tenant")
    String tenantClaim();

    /** The provider's role names that stand for ours, {@code providerRole=ourRole} ({@code MDP_OIDC_ROLE_MAPPING}). */
    Optional<List<String>> roleMapping();

    /**
     * Encrypts the session cookie (the user's tokens) and the state of a sign-in under way: at least 32
     * characters, the same on every replica. Unset: a random one per start, so a restart signs users in again
     * (their provider session stays, so that is one redirect and no password).
     */
    Optional<String> sessionSecret();
}
