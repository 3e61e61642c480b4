package io.modulardata.kit.security;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.modulardata.identity.OrganisationIssuerSettings;
import io.modulardata.identity.RoleMapping;
import io.modulardata.identity.Roles;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a verified token into the caller the services reason about: its roles among our four (the provider's
 * names mapped by {@link RoleMapping}, any other role dropped) and the tenant it is bound to, read from the claim
 * its issuer is configured with ({@link #TENANT_ATTRIBUTE}, read by {@link TenantAccess}). A tenant's own provider
 * ({@code tenant:<id>}) speaks for that tenant only: its callers are bound to that tenant whatever their token
 * claims, and keep tenant roles only, so it can never mint a platform role or reach another tenant.
 */
@ApplicationScoped
public class CallerIdentityAugmentor implements SecurityIdentityAugmentor {

    static final String TENANT_ATTRIBUTE = "modulardata.tenant";

    private final RoleMapping organisationRoles;
    private final String organisationTenantClaim;

    public CallerIdentityAugmentor(OrganisationIssuerSettings oidc) {
        this.organisationRoles = RoleMapping.of(oidc);
        this.organisationTenantClaim = oidc.tenantClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String verifiedBy = identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE);
        if (verifiedBy != null && verifiedBy.startsWith(TrustedIssuers.TENANT_PREFIX)) {
            Set<String> roles = RoleMapping.NONE.ourRoles(identity.getRoles());
            roles.retainAll(Roles.TENANT_ROLES);
            return Uni.createFrom().item(caller(identity, token, roles,
                    Optional.of(verifiedBy.substring(TrustedIssuers.TENANT_PREFIX.length()))));
        }
        boolean organisation = TrustedIssuers.ORGANISATION.equals(verifiedBy);
        RoleMapping roles = organisation ? organisationRoles : RoleMapping.NONE;
        String tenantClaim = organisation ? organisationTenantClaim : Roles.TENANT_CLAIM;
        return Uni.createFrom().item(caller(identity, token, roles.ourRoles(identity.getRoles()), tenant(token, tenantClaim)));
    }

    private static SecurityIdentity caller(SecurityIdentity verified, Principal principal, Set<String> roles, Optional<String> tenant) {
        QuarkusSecurityIdentity.Builder caller = QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addCredentials(verified.getCredentials())
                .addAttributes(verified.getAttributes())
                .addRoles(roles);
        tenant.ifPresent(id -> caller.addAttribute(TENANT_ATTRIBUTE, id));
        return caller.build();
    }

    private static Optional<String> tenant(JsonWebToken token, String claim) {
        Object value = claimValue(token, claim);
        // A JSON string claim may come as jakarta.json's JsonString, whose toString() keeps the quotes.
        String tenant = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
        return Optional.ofNullable(tenant).filter(id -> !id.isBlank());
    }

    /**
     * quarkus-oidc's token reads the claim straight from its parsed claims: JsonWebToken.getClaim first looks the
     * name up among the standard claims, which throws and catches an IllegalArgumentException for every custom
     * name, on every request.
     */
    private static Object claimValue(JsonWebToken token, String claim) {
        return token instanceof OidcJwtCallerPrincipal oidc ? oidc.getClaims().getClaimValue(claim) : token.getClaim(claim);
    }
}
