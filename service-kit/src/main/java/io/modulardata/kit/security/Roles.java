package io.modulardata.kit.security;

/** The roles a platform JWT carries in its {@code groups} claim. */
public final class Roles {

    /** Operators: everything, on every tenant. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Administers one tenant (the token's {@code tenant} claim). */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** Uses one tenant (the token's {@code tenant} claim). */
    public static final String TENANT_USER = "tenant-user";
    /** Reads everything, changes nothing. */
    public static final String AUDITOR = "auditor";

    /** The claim naming the tenant of tenant-admin and tenant-user tokens. */
    public static final String TENANT_CLAIM = "tenant";

    private Roles() {
    }
}
