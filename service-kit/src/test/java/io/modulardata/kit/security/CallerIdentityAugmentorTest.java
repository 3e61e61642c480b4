package io.modulardata.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * A verified token becomes a caller with our roles only and the tenant its issuer's claim names (the role mapping
 * itself: identity's RoleMappingTest).
 */
class CallerIdentityAugmentorTest {

    private final CallerIdentityAugmentor augmentor = new CallerIdentityAugmentor(
            new TrustedIssuersTest.OrganisationSettings(Optional.of("https://idp"), List.of("MDP.Admin=platform-admin")));

    @Test
    void theOrganisationsRoleNamesAreMappedAndItsOtherRolesDropped() {
        SecurityIdentity caller = augment(TrustedIssuers.ORGANISATION, Map.of("tenant", "acme"),
                Set.of("MDP.Admin", "tenant-user", "offline_access", "default-roles-modulardata"));

        assertThat(caller.getRoles()).containsExactlyInAnyOrder("platform-admin", "tenant-user");
        assertThat((String) caller.getAttribute(CallerIdentityAugmentor.TENANT_ATTRIBUTE)).isEqualTo("acme");
        assertThat(caller.getPrincipal().getName()).isEqualTo("alice");
    }

    @Test
    void theLocalSignersRolesAreTakenAsTheyAreWithoutTheOrganisationsMapping() {
        SecurityIdentity caller = augment(TrustedIssuers.LOCAL_SIGNER, Map.of(), Set.of("MDP.Admin", "auditor"));

        assertThat(caller.getRoles()).containsExactly("auditor");
        assertThat((Object) caller.getAttribute(CallerIdentityAugmentor.TENANT_ATTRIBUTE)).isNull();
    }

    @Test
    void aTenantsOwnProviderBindsItsCallersToThatTenantWithTenantRolesOnly() {
        SecurityIdentity caller = augment("tenant:initech", Map.of("tenant", "acme"),
                Set.of("platform-admin", "auditor", "tenant-admin", "MDP.Admin", "offline_access"));

        assertThat(caller.getRoles()).containsExactly("tenant-admin");
        assertThat((String) caller.getAttribute(CallerIdentityAugmentor.TENANT_ATTRIBUTE)).isEqualTo("initech");
        assertThat(caller.getPrincipal().getName()).isEqualTo("alice");
    }

    @Test
    void aTenantsOwnProviderBindsItsTenantEvenWithoutATenantClaim() {
        SecurityIdentity caller = augment("tenant:initech", Map.of(), Set.of("tenant-user"));

        assertThat(caller.getRoles()).containsExactly("tenant-user");
        assertThat((String) caller.getAttribute(CallerIdentityAugmentor.TENANT_ATTRIBUTE)).isEqualTo("initech");
    }

    @Test
    void aBlankTenantClaimBindsNoTenant() {
        SecurityIdentity caller = augment(TrustedIssuers.LOCAL_SIGNER, Map.of("tenant", " "), Set.of("tenant-user"));

        assertThat((Object) caller.getAttribute(CallerIdentityAugmentor.TENANT_ATTRIBUTE)).isNull();
    }

    @Test
    void theTenantClaimIsReadFromTheParsedClaimsNotThroughGetClaim() {
        // getClaim(String) throws and catches an IllegalArgumentException inside smallrye-jwt for every custom claim
        // name: on every request, 10 % of registry-service's allocations under load.
        OidcJwtCallerPrincipal token = new OidcJwtCallerPrincipal(claims(Map.of("tenant", "acme")), null) {
            @Override
            public <T> T getClaim(String claimName) {
                throw new AssertionError("getClaim(\"" + claimName + "\") called");
            }
        };

        SecurityIdentity caller = augment(token, TrustedIssuers.LOCAL_SIGNER, Set.of("tenant-user"));

        assertThat((String) caller.getAttribute(CallerIdentityAugmentor.TENANT_ATTRIBUTE)).isEqualTo("acme");
    }

    private SecurityIdentity augment(String oidcTenant, Map<String, String> claims, Set<String> roles) {
        return augment(new OidcJwtCallerPrincipal(claims(claims), null), oidcTenant, roles);
    }

    private static JwtClaims claims(Map<String, String> claims) {
        JwtClaims jwt = new JwtClaims();
        jwt.setSubject("alice");
        jwt.setClaim("preferred_username", "alice");
        claims.forEach(jwt::setClaim);
        return jwt;
    }

    private SecurityIdentity augment(OidcJwtCallerPrincipal token, String oidcTenant, Set<String> roles) {
        SecurityIdentity verified = QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addRoles(roles)
                .addAttribute(OidcUtils.TENANT_ID_ATTRIBUTE, oidcTenant)
                .build();
        return augmentor.augment(verified, null).await().indefinitely();
    }
}
