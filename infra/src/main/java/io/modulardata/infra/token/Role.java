package io.modulardata.infra.token;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The platform's roles, as they appear in a token's {@code groups} claim. */
public enum Role {
    PLATFORM_ADMIN("platform-admin", false),
    TENANT_ADMIN("tenant-admin", true),
    TENANT_USER("tenant-user", true),
    AUDITOR("auditor", false);

    private final String id;
    private final boolean tenantScoped;

    Role(String id, boolean tenantScoped) {
        this.id = id;
        this.tenantScoped = tenantScoped;
    }

    public String id() {
        return id;
    }

    /** Tokens of a tenant-scoped role must carry a {@code tenant} claim. */
    public boolean tenantScoped() {
        return tenantScoped;
    }

    public static Role fromId(String id) {
        return Arrays.stream(values())
                .filter(role -> role.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + id + "'; use one of: " + ids()));
    }

    public static String ids() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
