package io.modulardata.console.signin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * One signed-in user, however they signed in: a platform token (smallrye-jwt, from the session cookie) or the
 * organisation's provider (quarkus-oidc's code flow). Adds the tenant and the token to forward as attributes
 * ({@link Viewer} reads them). An organisation user's roles become ours as the services make them
 * (service-kit's CallerIdentityAugmentor): the provider's names mapped by {@code MDP_OIDC_ROLE_MAPPING}, any
 * other role dropped. The console cannot use service-kit itself (it brings the services' database and outbox).
 */
@ApplicationScoped
public class SignedInIdentity implements SecurityIdentityAugmentor {

    static final String TENANT = "console.tenant";
    static final String TOKEN = "console.token";

    private final Map<String, String> organisationRoles;
    private final String organisationTenantClaim;

    public SignedInIdentity(OrganisationSignOnSettings settings) {
        this.organisationRoles = roleMapping(settings.roleMapping().orElse(List.of()));
        this.organisationTenantClaim = settings.tenantClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        if (OrganisationSignOn.TENANT_ID.equals(identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE))) {
            AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
            // quarkus-oidc verified this access token when the user signed in (verify-access-token).
            JsonObject claims = OidcUtils.decodeJwtContent(access.getToken());
            return Uni.createFrom().item(with(identity, ourRoles(identity.getRoles(), organisationRoles),
                    claims == null ? null : claims.getValue(organisationTenantClaim), access.getToken()));
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return Uni.createFrom().item(with(identity, identity.getRoles(), token.getClaim(Viewer.TENANT_CLAIM), token.getRawToken()));
        }
        return Uni.createFrom().item(identity);
    }

    private static SecurityIdentity with(SecurityIdentity verified, Set<String> roles, Object tenant, String token) {
        QuarkusSecurityIdentity.Builder user = QuarkusSecurityIdentity.builder()
                .setPrincipal(verified.getPrincipal())
                .addCredentials(verified.getCredentials())
                .addAttributes(verified.getAttributes())
                .addPermissionChecker(verified::checkPermission)
                .addRoles(roles)
                .addAttribute(TOKEN, token);
        String tenantId = tenant == null ? null : tenant instanceof jakarta.json.JsonString json ? json.getString() : tenant.toString();
        if (tenantId != null && !tenantId.isBlank()) {
            user.addAttribute(TENANT, tenantId);
        }
        return user.build();
    }

    static Set<String> ourRoles(Set<String> granted, Map<String, String> names) {
        Set<String> ours = new HashSet<>();
        for (String role : granted) {
            String mapped = names.getOrDefault(role, role);
            if (Viewer.ALL_ROLES.contains(mapped)) {
                ours.add(mapped);
            }
        }
        return ours;
    }

    /** {@code providerRole=ourRole} entries; a mapping to anything but one of our roles is a configuration error. */
    static Map<String, String> roleMapping(List<String> entries) {
        Map<String, String> mapping = new HashMap<>();
        for (String entry : entries) {
            int equals = entry.lastIndexOf('=');
            String ours = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (equals <= 0 || !Viewer.ALL_ROLES.contains(ours)) {
                throw new IllegalArgumentException("MDP_OIDC_ROLE_MAPPING: '" + entry + "' is not providerRole=ourRole, ourRole one of " + Viewer.ALL_ROLES);
            }
            mapping.put(entry.substring(0, equals).trim(), ours);
        }
        return Map.copyOf(mapping);
    }
}
