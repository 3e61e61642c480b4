package io.modulardata.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The organisation's roles become ours (MDP_OIDC_ROLE_MAPPING), for the services and the console alike. */
class RoleMappingTest {

    @Test
    void theProvidersRoleNamesAreMappedAndItsOtherRolesDropped() {
        RoleMapping mapping = RoleMapping.parse(List.of("MDP.Admin=platform-admin", " Readers = auditor"));

        assertThat(mapping.ourRoles(Set.of("MDP.Admin", "Readers", "offline_access", "tenant-user")))
                .containsExactlyInAnyOrder("platform-admin", "auditor", "tenant-user");
        assertThat(RoleMapping.NONE.ourRoles(Set.of("default-roles-modulardata", "uma_authorization"))).isEmpty();
    }

    @Test
    void withoutAMappingOnlyRolesNamedLikeOursCount() {
        assertThat(RoleMapping.NONE.ourRoles(Set.of("MDP.Admin", "auditor"))).containsExactly("auditor");
    }

    @Test
    void aMappingToAnythingButOurRolesIsRefusedAtStart() {
        assertThatThrownBy(() -> RoleMapping.parse(List.of("Admins=root")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MDP_OIDC_ROLE_MAPPING").hasMessageContaining("Admins=root");
        assertThatThrownBy(() -> RoleMapping.parse(List.of("platform-admin")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("providerRole=ourRole");
        assertThat(RoleMapping.parse(List.of("a=b=auditor")).names()).containsEntry("a=b", "auditor");
    }

    @Test
    void theRefusalNamesTheSettingTheEntryAndOurRoles() {
        assertThatThrownBy(() -> RoleMapping.parse(List.of("MDP.Admin=platform-admin", "=auditor")))
                .hasMessage("MDP_OIDC_ROLE_MAPPING: '=auditor' is not providerRole=ourRole, ourRole one of " + Roles.ALL);
    }

    @Test
    void theGrantedRolesAreNotChanged() {
        Set<String> granted = Set.of("MDP.Admin");
        Set<String> ours = RoleMapping.parse(List.of("MDP.Admin=platform-admin")).ourRoles(granted);

        ours.retainAll(Roles.TENANT_ROLES);
        assertThat(ours).isEmpty();
        assertThat(granted).containsExactly("MDP.Admin");
    }
}
