package io.modulardata.infra.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceInstanceTest {

    private static final ServiceSpec REGISTRY = ServiceSpec.ALL.get(0);

    @Test
    void instanceKListensOnThePortsOfTheFirstPlusAHundredPerInstance() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of());

        List<ServiceInstance> instances = settings.instances(REGISTRY, 3);

        assertThat(instances).extracting(ServiceInstance::name)
                .containsExactly("registry-service", "registry-service-2", "registry-service-3");
        assertThat(instances).extracting(ServiceInstance::port).containsExactly(8081, 8181, 8281);
        assertThat(instances).extracting(ServiceInstance::managementPort).containsExactly(9081, 9181, 9281);
        assertThat(instances.get(1).baseUrl()).isEqualTo("http://127.0.0.1:8181");
        assertThat(instances.get(1).metricsUrl()).isEqualTo("http://127.0.0.1:9181/q/metrics");
    }

    @Test
    void configuredPortsMoveEveryInstance() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of(
                "MDP_REGISTRY_SERVICE_PORT", "7000", "MDP_REGISTRY_SERVICE_MANAGEMENT_PORT", "7500"));

        assertThat(settings.instances(REGISTRY, 2)).extracting(ServiceInstance::port).containsExactly(7000, 7100);
        assertThat(settings.instances(REGISTRY, 2)).extracting(ServiceInstance::managementPort).containsExactly(7500, 7600);
    }

    @Test
    void refusesAnInstanceNumberOutOfRange() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of());

        assertThatThrownBy(() -> ServiceInstance.of(REGISTRY, 0, settings)).hasMessageContaining("1 to 9, was 0");
        assertThatThrownBy(() -> ServiceInstance.of(REGISTRY, 10, settings)).hasMessageContaining("1 to 9, was 10");
    }
}
