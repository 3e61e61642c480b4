package io.modulardata.kit.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.identity.OrganisationIssuerSettings;
import io.modulardata.identity.Roles;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.modulardata.kit.security.TenantIssuers.TenantIssuer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Picks the keys that verify a bearer token by the issuer it names: the platform's own signer, or the
 * organisation's OIDC provider (discovery, keys from its JWKS, re-read when an unknown key id arrives), or a
 * tenant's own provider ({@link TenantIssuers}; OIDC tenant {@code tenant:<id>}, whose callers
 * {@link CallerIdentityAugmentor} binds to that tenant). A token from any other issuer is verified by nobody: the
 * request stays anonymous and answers 401.
 */
@ApplicationScoped
public class TrustedIssuers implements TenantConfigResolver {

    /** The OIDC tenant ids, which {@link CallerIdentityAugmentor} reads back from the verified identity. */
    static final String LOCAL_SIGNER = "platform-signer";
    static final String ORGANISATION = "organisation";
    static final String TENANT_PREFIX = "tenant:";

    /**
     * Tells quarkus-oidc to rebuild a tenant's verification (discovery, keys) when the config it is handed is another
     * object than the one it holds, i.e. the tenant's provider changed; otherwise it would keep the old provider's keys.
     */
    static final String REPLACE_CONTEXT = "replace-tenant-configuration-context";

    private static final String BEARER = "bearer ";

    private final String localIssuer;
    private final OidcTenantConfig localSigner;
    private final Optional<String> organisationIssuer;
    private final Optional<OidcTenantConfig> organisation;
    private final OrganisationIssuerSettings oidc;
    private final TenantIssuers tenants;
    /** One config per tenant provider and its settings: the same object for as long as they stay the same. */
    private final Map<TenantIssuer, OidcTenantConfig> tenantProviders = new ConcurrentHashMap<>();

    public TrustedIssuers(LocalSignerSettings local, OrganisationIssuerSettings oidc, TenantIssuers tenants) {
        this.oidc = oidc;
        this.tenants = tenants;
        this.localIssuer = local.issuer();
        this.localSigner = OidcTenantConfig.builder()
                .tenantId(LOCAL_SIGNER)
                .publicKey(publicKeyBody(local.publicKeyLocation()))
                .token().issuer(local.issuer()).end()
                .roles().roleClaimPath(Roles.GROUPS_CLAIM).end()
                .build();
        this.organisationIssuer = oidc.issuer().map(IssuerUrls::comparable);
        this.organisation = organisationIssuer.map(issuer -> provider(ORGANISATION, issuer, oidc.audience()));
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext request, OidcRequestContext<OidcTenantConfig> context) {
        OidcTenantConfig config = configFor(bearerToken(request));
        if (config != null && config.tenantId().orElse("").startsWith(TENANT_PREFIX)) {
            request.put(REPLACE_CONTEXT, "true");
        }
        return Uni.createFrom().item(config);
    }

    /** An OIDC provider's verification: discovery from the issuer, its keys, audience, clock skew, roles claim. */
    private OidcTenantConfig provider(String tenantId, String issuer, String audience) {
        return OidcTenantConfig.authServerUrl(issuer)
                .tenantId(tenantId)
                .token()
                    .issuer(issuer)
                    .audience(audience)
                    .lifespanGrace((int) oidc.clockSkew().toSeconds())
                    .forcedJwkRefreshInterval(oidc.keyRefreshInterval())
                .end()
                .roles().roleClaimPath(oidc.rolesClaim()).end()
                .build();
    }

    /** The verification for a token's issuer, or null (nobody verifies it). */
    OidcTenantConfig configFor(String token) {
        Optional<String> issuer = UnverifiedClaims.issuer(token);
        if (issuer.isEmpty()) {
            return null;
        }
        if (issuer.get().equals(localIssuer)) {
            return localSigner;
        }
        if (organisationIssuer.isPresent() && IssuerUrls.comparable(issuer.get()).equals(organisationIssuer.get())) {
            return organisation.get();
        }
        return tenants.byIssuer(issuer.get())
                .map(provider -> tenantProviders.computeIfAbsent(provider,
                        p -> provider(TENANT_PREFIX + p.tenantId(), p.issuer(), p.audience())))
                .orElse(null);
    }

    private static String bearerToken(RoutingContext request) {
        String header = request.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    /** quarkus-oidc takes the key itself, base64 without the PEM armour; the platform hands a file. */
    static String publicKeyBody(String location) {
        String pem = read(location);
        return pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    }

    private static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream(location.substring("classpath:".length()).replaceFirst("^/", ""))) {
                    if (in == null) {
                        throw new IllegalStateException("No public key at " + location + " (MDP_JWT_PUBLIC_KEY_LOCATION)");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token verification key at " + location + " (MDP_JWT_PUBLIC_KEY_LOCATION)", e);
        }
    }
}
