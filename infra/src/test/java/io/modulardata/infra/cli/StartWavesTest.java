package io.modulardata.infra.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StartWavesTest {

    private final PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of());

    @Test
    void firstInstancesOfTheServicesThenTheirReplicasThenTheConsoles() {
        List<ServiceInstance> instances = ServiceSpec.ALL.stream()
                .flatMap(service -> settings.instances(service, 2).stream()).toList();

        assertThat(StartWaves.of(instances)).map(wave -> wave.stream().map(ServiceInstance::name).toList()).containsExactly(
                List.of("registry-service", "deployment-service", "security-service", "audit-service"),
                List.of("registry-service-2", "deployment-service-2", "security-service-2", "audit-service-2"),
                List.of("console", "console-2"));
    }

    @Test
    void oneInstanceEachLeavesNoEmptyWave() {
        List<ServiceInstance> instances = ServiceSpec.ALL.stream()
                .flatMap(service -> settings.instances(service, 1).stream()).toList();

        assertThat(StartWaves.of(instances)).hasSize(2);
        assertThat(StartWaves.of(List.of())).isEmpty();
    }

    @Test
    void oneByOneKeepsTheOrderWithEveryInstanceAlone() {
        List<ServiceInstance> instances = ServiceSpec.ALL.stream()
                .flatMap(service -> settings.instances(service, 2).stream()).toList();

        assertThat(StartWaves.oneByOne(instances)).allSatisfy(wave -> assertThat(wave).hasSize(1));
        assertThat(StartWaves.oneByOne(instances)).map(wave -> wave.get(0).name()).containsExactly(
                "registry-service", "deployment-service", "security-service", "audit-service",
                "registry-service-2", "deployment-service-2", "security-service-2", "audit-service-2", "console", "console-2");
    }
}
