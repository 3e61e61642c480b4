package io.modulardata.kit.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.modulardata.identity.Roles;
import io.modulardata.kit.problem.ApiProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Decides whether the caller may see or change one tenant's data. Tenant-scoped roles only reach the
 * tenant named in their token; for any other tenant the answer is the same 404 an unknown tenant gets,
 * so a caller cannot even learn which tenants exist.
 */
@RequestScoped
public class TenantAccess {

    private final SecurityIdentity identity;

    public TenantAccess(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Platform admins and auditors see every tenant. */
    public boolean seesAllTenants() {
        return identity.hasRole(Roles.PLATFORM_ADMIN) || identity.hasRole(Roles.AUDITOR);
    }

    /** The tenant a tenant-scoped token is bound to. */
    public Optional<String> ownTenant() {
        return Optional.ofNullable(identity.<String>getAttribute(CallerIdentityAugmentor.TENANT_ATTRIBUTE));
    }

    public boolean canRead(String tenantId) {
        return seesAllTenants() || ownTenant().filter(tenantId::equals).isPresent();
    }

    /** Throws 404 unless the caller may read this tenant's data. */
    public void requireRead(String tenantId) {
        if (!canRead(tenantId)) {
            throw ApiProblemException.notFound("Tenant", tenantId);
        }
    }

    /** Throws unless the caller administers this tenant (a platform admin, or its own tenant-admin). */
    public void requireAdmin(String tenantId) {
        requireRead(tenantId);
        boolean ownAdmin = identity.hasRole(Roles.TENANT_ADMIN) && ownTenant().filter(tenantId::equals).isPresent();
        if (!identity.hasRole(Roles.PLATFORM_ADMIN) && !ownAdmin) {
            throw ApiProblemException.forbidden("Only a platform-admin or this tenant's tenant-admin may do this");
        }
    }

    /** The caller's name, recorded as the actor of the events it causes. */
    public String actor() {
        String name = identity.getPrincipal().getName();
        return name == null || name.isBlank() ? "anonymous" : name;
    }
}
