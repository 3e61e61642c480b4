package io.modulardata.identity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The organisation's OpenID Connect provider ({@code MDP_OIDC_*}, wired in this module's
 * {@code META-INF/microprofile-config.properties}), read alike by the services and the console. The defaults fit
 * Keycloak: realm roles, and a top-level {@code tenant} claim mapped from a user attribute. identity/README.md has
 * the settings for other providers.
 */
@ConfigMapping(prefix = "modulardata.oidc")
public interface OrganisationIssuerSettings {

    /** The issuer URL; its {@code /.well-known/openid-configuration} names the keys. Unset: the local signer only. */
    Optional<String> issuer();

    /** The {@code aud} every token must carry. */
    @WithDefault("modulardata")
    String audience();

    /** Where the roles are, as a path of claim names ({@code realm_access/roles}, {@code roles}, {@code groups}). */
    @WithDefault("realm_access/roles")
    String rolesClaim();

    /** The claim naming the tenant of tenant-admin and tenant-user tokens. */
    @WithDefault("tenant")
    String tenantClaim();

    /**
     * The provider's role names that stand for ours, as {@code providerRole=ourRole} (e.g.
     * {@code MDP.Admin=platform-admin}). Roles named like ours count as ours; any other role is ignored
     * ({@link RoleMapping}).
     */
    Optional<List<String>> roleMapping();

    /** How far the provider's clock may be ahead of or behind ours when {@code exp}, {@code iat} are checked. */
    @WithDefault("30s")
    Duration clockSkew();

    /**
     * At most one key-set download per this interval when a token names a key id not yet known (a key rotation
     * at the provider): rotations need no restart, and made-up key ids cannot flood the provider.
     */
    @WithDefault("1m")
    Duration keyRefreshInterval();
}
