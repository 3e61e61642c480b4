package io.modulardata.infra.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code up --with-keycloak} and the settings around it. */
class KeycloakSettingsTest {

    @Test
    void withKeycloakIsOffUnlessGiven() {
        UpCommand plain = new UpCommand();
        new CommandLine(plain).parseArgs();
        UpCommand withKeycloak = new UpCommand();
        new CommandLine(withKeycloak).parseArgs("--with-keycloak", "--replicas", "2");

        assertThat(plain.withKeycloak).isFalse();
        assertThat(withKeycloak.withKeycloak).isTrue();
        assertThat(withKeycloak.replicas).isEqualTo(2);
    }

    @Test
    void keycloakPortsCollideWithNoPortOfThePlatform() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of());
        Set<Integer> taken = new HashSet<>(Set.of(settings.postgresPort(), settings.kafkaPort(),
                settings.kafkaControllerPort(), settings.apicurioPort(), settings.apicurioManagementPort(),
                settings.prometheusPort()));
        for (ServiceSpec service : ServiceSpec.ALL) {
            for (ServiceInstance instance : settings.instances(service, ServiceInstance.MAX_REPLICAS)) {
                taken.add(instance.port());
                taken.add(instance.managementPort());
            }
        }

        assertThat(settings.keycloakPort()).isEqualTo(8180);
        assertThat(settings.keycloakManagementPort()).isNotEqualTo(9000); // Keycloak's own default, often taken
        assertThat(taken).doesNotContain(settings.keycloakPort(), settings.keycloakManagementPort());
    }

    @Test
    void tokenUserAsksTheLocalKeycloakUnlessAnIssuerIsConfigured() {
        assertThat(PlatformSettings.fromEnvironment(Map.of()).tokenIssuer())
                .isEqualTo("http://localhost:8180/realms/modulardata");
        assertThat(PlatformSettings.fromEnvironment(Map.of("MDP_KEYCLOAK_PORT", "8280")).tokenIssuer())
                .isEqualTo("http://localhost:8280/realms/modulardata");
        assertThat(PlatformSettings.fromEnvironment(Map.of("MDP_OIDC_ISSUER", "https://login.example.com/realms/corp"))
                .tokenIssuer()).isEqualTo("https://login.example.com/realms/corp");
    }
}
