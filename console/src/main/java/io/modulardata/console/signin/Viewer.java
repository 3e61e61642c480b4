package io.modulardata.console.signin;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user of this request, from the token the services would get: its name, role, tenant and
 * the raw token, which the console forwards when it calls a service on the user's behalf.
 */
@RequestScoped
@jakarta.inject.Named("viewer")
public class Viewer {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String AUDITOR = "auditor";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String TENANT_USER = "tenant-user";
    /** Tokens with none of these roles are not let in. */
    public static final String[] ROLES = {PLATFORM_ADMIN, AUDITOR, TENANT_ADMIN, TENANT_USER};
    static final String TENANT_CLAIM = "tenant";

    private final JsonWebToken token;

    public Viewer(JsonWebToken token) {
        this.token = token;
    }

    public String name() {
        String name = token.getName();
        return name == null || name.isBlank() ? token.getSubject() : name;
    }

    public Set<String> roles() {
        return token.getGroups() == null ? Set.of() : token.getGroups();
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
        Object claim = token.getClaim(TENANT_CLAIM);
        return claim == null || claim.toString().isBlank() ? Optional.empty() : Optional.of(claim.toString());
    }

    public boolean seesAllTenants() {
        return roles().contains(PLATFORM_ADMIN) || roles().contains(AUDITOR);
    }

    public Scope scope() {
        return seesAllTenants() ? Scope.everything() : Scope.tenant(tenant().orElse(null));
    }

    public boolean sees(String tenantId) {
        return scope().sees(tenantId);
    }

    /** Whether to offer rollback and abort; deployment-service decides whether they are allowed. */
    public boolean administers(String tenantId) {
        return roles().contains(PLATFORM_ADMIN)
                || (roles().contains(TENANT_ADMIN) && tenant().filter(tenantId::equals).isPresent());
    }

    /** Whether to offer audit search, verification and reports (audit-service decides). */
    public boolean audits() {
        return roles().contains(PLATFORM_ADMIN) || roles().contains(AUDITOR) || roles().contains(TENANT_ADMIN);
    }

    /** The bearer token, as the user pasted it. */
    public String rawToken() {
        return token.getRawToken();
    }
}
