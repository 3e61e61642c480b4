package io.modulardata.console.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The organisation's roles become ours as the services make them (MDP_OIDC_ROLE_MAPPING). */
class SignedInIdentityTest {

    @Test
    void theProvidersRoleNamesAreMappedAndItsOtherRolesDropped() {
        Map<String, String> mapping = SignedInIdentity.roleMapping(List.of("MDP.Admin=platform-admin", " Readers = auditor"));

        assertThat(SignedInIdentity.ourRoles(Set.of("MDP.Admin", "Readers", "offline_access", "tenant-user"), mapping))
                .containsExactlyInAnyOrder("platform-admin", "auditor", "tenant-user");
        assertThat(SignedInIdentity.ourRoles(Set.of("default-roles-modulardata", "uma_authorization"), Map.of())).isEmpty();
    }

    @Test
    void aMappingToAnythingButOurRolesIsRefusedAtStart() {
        assertThatThrownBy(() -> SignedInIdentity.roleMapping(List.of("MDP.Admin=root")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MDP_OIDC_ROLE_MAPPING");
        assertThatThrownBy(() -> SignedInIdentity.roleMapping(List.of("platform-admin")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
