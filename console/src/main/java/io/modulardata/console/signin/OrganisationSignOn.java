package io.modulardata.console.signin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.identity.OrganisationIssuerSettings;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Roles.Source;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Signs users in through the organisation's OpenID Connect provider, when {@code MDP_OIDC_ISSUER} names one:
 * quarkus-oidc's authorization code flow with PKCE, as the console's public client. The tokens live in an
 * encrypted session cookie and are refreshed when they expire; the access token is the one the console forwards
 * to the services (which trust the same issuer). Without an issuer nothing here is active and only platform
 * tokens sign in ({@link SignInResource}).
 */
@ApplicationScoped
public class OrganisationSignOn implements TenantConfigResolver {

    /** The OIDC tenant id, read back from a signed-in identity ({@link SignedInIdentity}). */
    static final String TENANT_ID = "organisation";
    /** Starts a sign-in at the provider (a path quarkus-oidc guards with the code flow, application.properties). */
    public static final String SIGN_IN_PATH = "/signin/organisation";
    /** Ends the provider's session too, then comes back to {@code /signin}. */
    static final String SIGN_OUT_PATH = "/signout/organisation";

    private final Optional<OidcTenantConfig> config;

    public OrganisationSignOn(OrganisationIssuerSettings organisation, OrganisationSignOnSettings settings) {
        String secret = settings.sessionSecret().orElseGet(OrganisationSignOn::randomSecret);
        this.config = organisation.issuer().filter(issuer -> !issuer.isBlank()).map(issuer -> OidcTenantConfig.authServerUrl(issuer)
                .tenantId(TENANT_ID)
                .applicationType(ApplicationType.WEB_APP)
                .clientId(settings.clientId())
                .authentication()
                    .pkceRequired()
                    .stateSecret(secret)
                    // Back to the page that started the sign-in (SIGN_IN_PATH?next=...), which then goes to next.
                    .redirectPath(SIGN_IN_PATH)
                    .restorePathAfterRedirect()
                    .userInfoRequired(false)
                    // Roles and tenant come from the access token, as the services read them: verify it too.
                    .verifyAccessToken()
                .end()
                .tokenStateManager().encryptionSecret(secret).end()
                .token().refreshExpired().end()
                .roles().source(Source.accesstoken).roleClaimPath(organisation.rolesClaim()).end()
                .logout().path(SIGN_OUT_PATH).postLogoutPath("/signin").end()
                .build());
    }

    public boolean enabled() {
        return config.isPresent();
    }

    /** The organisation's sign-in for every request when configured; otherwise none (quarkus-oidc stays idle). */
    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext request, OidcRequestContext<OidcTenantConfig> context) {
        return Uni.createFrom().item(config.orElse(null));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
