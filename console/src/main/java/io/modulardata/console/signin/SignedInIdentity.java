package io.modulardata.console.signin;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.modulardata.identity.OrganisationIssuerSettings;
import io.modulardata.identity.RoleMapping;
import io.modulardata.identity.Roles;
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
 * ({@link Viewer} reads them). An organisation user's roles become ours as the services make them: the same
 * {@link RoleMapping} of the same {@code MDP_OIDC_ROLE_MAPPING} (identity module, shared with service-kit's
 * CallerIdentityAugmentor), any other role dropped.
 */
@ApplicationScoped
public class SignedInIdentity implements SecurityIdentityAugmentor {

    static final String TENANT = "console.tenant";
    static final String TOKEN = "console.token";

    private final RoleMapping organisationRoles;
    private final String organisationTenantClaim;

    public SignedInIdentity(OrganisationIssuerSettings organisation) {
        this.organisationRoles = RoleMapping.of(organisation);
        this.organisationTenantClaim = organisation.tenantClaim();
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
            return Uni.createFrom().item(with(identity, organisationRoles.ourRoles(identity.getRoles()),
                    claims == null ? null : claims.getValue(organisationTenantClaim), access.getToken()));
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return Uni.createFrom().item(with(identity, identity.getRoles(), token.getClaim(Roles.TENANT_CLAIM), token.getRawToken()));
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
}
