package io.modulardata.kit.security;

import java.security.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a verified token into the caller the services reason about: its roles among our four (the provider's
 * names mapped, any other role dropped) and the tenant it is bound to, read from the claim its issuer is
 * configured with ({@link #TENANT_ATTRIBUTE}, read by {@link TenantAccess}). A tenant's own provider
 * ({@code tenant:<id>}) speaks for that tenant only: its callers are bound to that tenant whatever their token
 * claims, and keep tenant roles only, so it can never mint a platform role or reach another tenant.
 */
@ApplicationScoped
public class CallerIdentityAugmentor implements SecurityIdentityAugmentor {

    static final String TENANT_ATTRIBUTE = "modulardata.tenant";

    private final Map<String, String> organisationRoles;
    private final String organisationTenantClaim;

    public CallerIdentityAugmentor(OrganisationIssuerSettings oidc) {
        this.organisationRoles = roleMapping(oidc.roleMapping().orElse(List.of()));
        this.organisationTenantClaim = oidc.tenantClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String verifiedBy = identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE);
        if (verifiedBy != null && verifiedBy.startsWith(TrustedIssuers.TENANT_PREFIX)) {
            Set<String> roles = ourRoles(identity.getRoles(), Map.of());
            roles.retainAll(Roles.TENANT_ROLES);
            return Uni.createFrom().item(caller(identity, token, roles,
                    Optional.of(verifiedBy.substring(TrustedIssuers.TENANT_PREFIX.length()))));
        }
        boolean organisation = TrustedIssuers.ORGANISATION.equals(verifiedBy);
        Map<String, String> names = organisation ? organisationRoles : Map.of();
        String tenantClaim = organisation ? organisationTenantClaim : Roles.TENANT_CLAIM;
        return Uni.createFrom().item(caller(identity, token, ourRoles(identity.getRoles(), names), tenant(token, tenantClaim)));
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

    static Set<String> ourRoles(Set<String> granted, Map<String, String> names) {
        Set<String> ours = new HashSet<>();
        for (String role : granted) {
            String mapped = names.getOrDefault(role, role);
            if (Roles.ALL.contains(mapped)) {
                ours.add(mapped);
            }
        }
        return ours;
    }

    private static Optional<String> tenant(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        // A JSON string claim may come as jakarta.json's JsonString, whose toString() keeps the quotes.
        String tenant = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
        return Optional.ofNullable(tenant).filter(id -> !id.isBlank());
    }

    /** {@code providerRole=ourRole} entries; a mapping to anything but one of our roles is a configuration error. */
    static Map<String, String> roleMapping(List<String> entries) {
        Map<String, String> mapping = new HashMap<>();
        for (String entry : entries) {
            int equals = entry.lastIndexOf('=');
            String ours = equals < 0 ? "" : entry.substring(equals + 1).trim();
            if (equals <= 0 || !Roles.ALL.contains(ours)) {
                throw new IllegalArgumentException("MDP_OIDC_ROLE_MAPPING: '" + entry + "' is not providerRole=ourRole, ourRole one of " + Roles.ALL);
            }
            mapping.put(entry.substring(0, equals).trim(), ours);
        }
        return Map.copyOf(mapping);
    }
}
