package io.modulardata.registry.tenant;

/** A validated tenant request: its configuration and its own identity provider (null: none). */
public record RequestedTenant(TenantConfiguration configuration, IdentityProvider identityProvider) {
}
