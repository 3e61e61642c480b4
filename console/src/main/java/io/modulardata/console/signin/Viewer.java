package io.modulardata.console.signin;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import io.modulardata.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signed-in user of this request, from the token the services would get: its name, role, tenant and
 * the raw token, which the console forwards when it calls a service on the user's behalf. A platform token
 * and the organisation's sign-in give the same view ({@link SignedInIdentity}).
 */
@RequestScoped
@jakarta.inject.Named("viewer")
public class Viewer {

    /** The platform's roles, strongest first; tokens with none of them are not let in. */
    public static final String[] ROLES = {Roles.PLATFORM_ADMIN, Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.TENANT_USER};

    private final SecurityIdentity identity;

    public Viewer(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /** The role shown in the header; the strongest the token carries. */
    public String role() {
        for (String role : ROLES) {
            if (roles().contains(role)) {
                return role;
            }
        }
        return "";
    }

    public Optional<String> tenant() {
        return Optional.ofNullable(identity.getAttribute(SignedInIdentity.TENANT));
    }

    public boolean seesAllTenants() {
        return roles().contains(Roles.PLATFORM_ADMIN) || roles().contains(Roles.AUDITOR);
    }

    public Scope scope() {
        return seesAllTenants() ? Scope.everything() : Scope.tenant(tenant().orElse(null));
    }

    public boolean sees(String tenantId) {
        return scope().sees(tenantId);
    }

    /** Whether to offer rollback and abort; deployment-service decides whether they are allowed. */
    public boolean administers(String tenantId) {
        return roles().contains(Roles.PLATFORM_ADMIN)
                || (roles().contains(Roles.TENANT_ADMIN) && tenant().filter(tenantId::equals).isPresent());
    }

    /** Whether to offer audit search, verification and reports (audit-service decides). */
    public boolean audits() {
        return roles().contains(Roles.PLATFORM_ADMIN) || roles().contains(Roles.AUDITOR) || roles().contains(Roles.TENANT_ADMIN);
    }

    /** The bearer token: as the user pasted it, or the access token the organisation's provider issued. */
    public String rawToken() {
        return identity.getAttribute(SignedInIdentity.TOKEN);
    }

    /** Signed in through the organisation's provider (signing out ends that session too). */
    public boolean organisation() {
        return OrganisationSignOn.TENANT_ID.equals(identity.getAttribute(io.quarkus.oidc.runtime.OidcUtils.TENANT_ID_ATTRIBUTE));
    }
}
