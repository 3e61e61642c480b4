package io.modulardata.identity;

import java.util.Set;

/**
 * The platform's four roles, as a verified token grants them (service-kit's CallerIdentityAugmentor, the console's
 * SignedInIdentity), and the claims of the platform signer's tokens that carry them.
 */
public final class Roles {

    /** Operators: everything, on every tenant. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Administers one tenant (the token's {@code tenant} claim). */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** Uses one tenant (the token's {@code tenant} claim). */
    public static final String TENANT_USER = "tenant-user";
    /** Reads everything, changes nothing. */
    public static final String AUDITOR = "auditor";

    /** Every role the platform knows; a token's other roles carry no rights here. */
    public static final Set<String> ALL = Set.of(PLATFORM_ADMIN, TENANT_ADMIN, TENANT_USER, AUDITOR);

    /** The roles a tenant's own identity provider may grant: bound to that tenant, never platform-wide. */
    public static final Set<String> TENANT_ROLES = Set.of(TENANT_ADMIN, TENANT_USER);

    /** The claim naming the tenant of tenant-admin and tenant-user tokens (the organisation's provider may name another). */
    public static final String TENANT_CLAIM = "tenant";

    /** The claim holding the roles in the platform signer's tokens. */
    public static final String GROUPS_CLAIM = "groups";

    private Roles() {
    }
}
