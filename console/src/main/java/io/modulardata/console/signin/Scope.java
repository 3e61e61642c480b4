package io.modulardata.console.signin;

/**
 * Which tenants' data a signed-in user may see: every tenant (platform-admin, auditor), or the one named in
 * a tenant-scoped token. Platform-wide events (tenant {@code platform}) belong to no tenant: only users who
 * see every tenant see them. A value, so a live stream keeps it after its request ended.
 */
public record Scope(boolean allTenants, String tenant) {

    public static Scope everything() {
        return new Scope(true, null);
    }

    public static Scope tenant(String tenantId) {
        return new Scope(false, tenantId);
    }

    public boolean sees(String tenantId) {
        return allTenants || (tenant != null && tenant.equals(tenantId));
    }
}
