package io.modulardata.deployment.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.modulardata.events.DataEnvironment;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;

/** Scaling metrics and volume types are enums kept as strings: any spelling in, ours out. */
class ContainerSpellingsTest {

    private static DeploymentRequest request(List<String> metrics, String volumeType) {
        return new DeploymentRequest("etl-core", "2.1.0", DataEnvironment.STAGING,
                new ContainerRequest("registry.example.com/data/etl-core", "2.1.0", "etl", null, null, null, null, null, null,
                        List.of(new DataVolumeRequest("scratch", "/scratch", false, volumeType, null)), null, null, null, metrics, null, null),
                null);
    }

    @Test
    void takesTheOriginalsSpellingInAnyCaseAndRecordsOurs() {
        var spec = DeploymentValidator.validate("acme", request(List.of("CPU", "Data-Throughput", "memory"), "Ephemeral"));
        assertThat(spec.container().getScalingMetrics()).containsExactly("cpu", "data_throughput", "memory");
        assertThat(spec.container().getDataVolumes()).singleElement().satisfies(v -> assertThat(v.getType()).isEqualTo("ephemeral"));
    }

    @Test
    void aRepeatInAnotherSpellingOrAnUnknownValueIsStillRefused() {
        assertThatThrownBy(() -> DeploymentValidator.validate("acme", request(List.of("cpu", "CPU", "gpu"), "nfs")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("container.scalingMetrics[1]", "container.scalingMetrics[2]",
                                "container.dataVolumes[0].type"));
    }
}
