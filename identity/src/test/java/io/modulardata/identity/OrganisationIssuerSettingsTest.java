package io.modulardata.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The services and the console read the organisation's provider from the same MDP_OIDC_* variables. */
class OrganisationIssuerSettingsTest {

    @Test
    void withoutVariablesThereIsNoOrganisationProviderAndTheDefaultsFitKeycloak() {
        OrganisationIssuerSettings settings = read(Map.of());

        assertThat(settings.issuer()).isEmpty();
        assertThat(settings.audience()).isEqualTo("modulardata");
        assertThat(settings.rolesClaim()).isEqualTo("realm_access/roles");
        assertThat(settings.tenantClaim()).isEqualTo("tenant");
        assertThat(settings.roleMapping()).isEmpty();
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.keyRefreshInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RoleMapping.of(settings).ourRoles(Set.of("MDP.Admin", "auditor"))).containsExactly("auditor");
    }

    @Test
    void everySettingIsReadFromItsMdpOidcVariable() {
        OrganisationIssuerSettings settings = read(Map.of(
                "MDP_OIDC_ISSUER", "https://login.example.com/v2.0",
                "MDP_OIDC_AUDIENCE", "api://modulardata",
                "MDP_OIDC_ROLES_CLAIM", "roles",
                "MDP_OIDC_TENANT_CLAIM", "extension_mdp_tenant",
                "MDP_OIDC_ROLE_MAPPING", "MDP.Admin=platform-admin,MDP.Reader=auditor",
                "MDP_OIDC_CLOCK_SKEW", "0s",
                "MDP_OIDC_KEY_REFRESH_INTERVAL", "5m"));

        assertThat(settings.issuer()).contains("https://login.example.com/v2.0");
        assertThat(settings.audience()).isEqualTo("api://modulardata");
        assertThat(settings.rolesClaim()).isEqualTo("roles");
        assertThat(settings.tenantClaim()).isEqualTo("extension_mdp_tenant");
        assertThat(settings.roleMapping()).contains(List.of("MDP.Admin=platform-admin", "MDP.Reader=auditor"));
        assertThat(settings.clockSkew()).isZero();
        assertThat(settings.keyRefreshInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    /**
     * This module's META-INF/microprofile-config.properties, with the variables given as the environment would
     * and Duration read as Quarkus reads it.
     */
    private static OrganisationIssuerSettings read(Map<String, String> variables) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDiscoveredConverters()
                .withConverter(Duration.class, 200, new DurationConverter())
                .addDefaultInterceptors()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(variables, "variables", 300))
                .withMapping(OrganisationIssuerSettings.class)
                .build();
        return config.getConfigMapping(OrganisationIssuerSettings.class);
    }
}
