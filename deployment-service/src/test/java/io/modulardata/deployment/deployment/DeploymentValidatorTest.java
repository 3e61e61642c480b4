package io.modulardata.deployment.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;

class DeploymentValidatorTest {

    @Test
    void fillsInTheDocumentedDefaults() {
        DeploymentSpec spec = DeploymentValidator.validate("acme", DeploymentRequests.minimal("etl-core", "2.1.0", "etl"));
        var c = spec.container();
        assertThat(c.getCpuCores()).isEqualTo(2.0);
        assertThat(c.getMemoryGb()).isEqualTo(4.0);
        assertThat(c.getStorageGb()).isEqualTo(20.0);
        assertThat(c.getMinReplicas()).isEqualTo(1);
        assertThat(c.getMaxReplicas()).isEqualTo(10);
        assertThat(c.getAutoScalingEnabled()).isTrue();
        assertThat(c.getGpuRequired()).isFalse();
        assertThat(c.getScalingMetrics()).containsExactly("cpu", "memory");
        assertThat(c.getEnvironmentVariables()).isEmpty();
        assertThat(c.getDataVolumes()).isEmpty();
        assertThat(spec.validation().getReadinessTimeoutSeconds()).isEqualTo(300);
        assertThat(spec.validation().getScaleDownDelaySeconds()).isEqualTo(30);
        assertThat(spec.componentKey()).isEqualTo("etl-core-2.1.0");
    }

    @Test
    void keepsEveryGivenField() {
        DeploymentSpec spec = DeploymentValidator.validate("acme", DeploymentRequests.full());
        var c = spec.container();
        assertThat(c.getCpuCores()).isEqualTo(0.5);
        assertThat(c.getEnvironmentVariables()).containsOnlyKeys("BATCH_SIZE", "LOG_LEVEL");
        assertThat(c.getDataVolumes()).hasSize(2);
        assertThat(c.getSecurityContext()).containsEntry("runAsUser", "1000").containsEntry("runAsNonRoot", "true");
        assertThat(spec.validation().getReadinessTimeoutSeconds()).isEqualTo(120);
    }

    @Test
    void rejectsMissingTopLevelFieldsNamingEachOfThem() {
        var request = new DeploymentRequest(null, "2.1", null, null, null);
        assertThatThrownBy(() -> DeploymentValidator.validate("acme", request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("componentId", "componentVersion", "environment", "container"));
    }

    @Test
    void rejectsBadContainerFieldsNamingEachOfThem() {
        Map<String, JsonNode> securityContext = Map.of("privileged", BooleanNode.TRUE, "hostNetwork", BooleanNode.TRUE,
                "runAsUser", TextNode.valueOf("root"));
        var container = new ContainerRequest("Not An Image", "", "Etl_1", 0.0, 4.0001, -1.0, false, 8.0,
                Map.of("TENANT_ID", "x", "1BAD", "y"),
                List.of(new DataVolumeRequest("data", "relative", false, "persistent", null),
                        new DataVolumeRequest("data", "/x", false, "nfs", null)),
                5, 3, true, List.of("cpu", "gpu", "cpu"), securityContext);
        var request = new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, container,
                new ValidationRequest(0, -1));
        assertThatThrownBy(() -> DeploymentValidator.validate("acme", request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder(
                                "container.imageName", "container.imageTag", "container.containerName",
                                "container.cpuCores", "container.memoryGb", "container.storageGb", "container.gpuMemoryGb",
                                "container.environmentVariables.TENANT_ID", "container.environmentVariables.1BAD",
                                "container.dataVolumes[0].mountPath", "container.dataVolumes[0].pvcName",
                                "container.dataVolumes[1].name", "container.dataVolumes[1].type",
                                "container.maxReplicas", "container.scalingMetrics[1]", "container.scalingMetrics[2]",
                                "container.securityContext.privileged", "container.securityContext.hostNetwork",
                                "container.securityContext.runAsUser",
                                "validation.readinessTimeoutSeconds", "validation.scaleDownDelaySeconds"));
    }

    @Test
    void rejectsAContainerNameThatMakesTheServiceNameTooLong() {
        String tenant = "a".repeat(32);
        var request = DeploymentRequests.minimal("etl-core", "2.1.0", "c".repeat(20));
        assertThatThrownBy(() -> DeploymentValidator.validate(tenant, request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("container.containerName");
                            assertThat(error.message()).contains("at most 63");
                        }));
    }

    @Test
    void autoscalingNeedsAtLeastOneMetricButNotWhenOff() {
        var on = new ContainerRequest("etl", "1", "etl", null, null, null, null, null, null, null, null, null, true, List.of(), null);
        assertThatThrownBy(() -> DeploymentValidator.validate("acme",
                new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, on, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("container.scalingMetrics"));
        var off = new ContainerRequest("etl", "1", "etl", null, null, null, null, null, null, null, null, null, false, null, null);
        var spec = DeploymentValidator.validate("acme",
                new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, off, null));
        assertThat(spec.container().getAutoScalingEnabled()).isFalse();
        assertThat(spec.container().getScalingMetrics()).isEmpty();
    }

    @Test
    void aMissingImageOrANullMetricIsA400NotAnAvroFailure() {
        var container = new ContainerRequest(null, null, "etl", null, null, null, null, null, null, null, null, null, null,
                java.util.Arrays.asList("cpu", null), null);
        var request = new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, container, null);
        assertThatThrownBy(() -> DeploymentValidator.validate("acme", request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("container.imageName", "container.imageTag", "container.scalingMetrics[1]"));
    }

    @Test
    void refusesARollbackReasonPostgresCannotStore() {
        assertThatThrownBy(() -> RollbackRequest.validReason(new RollbackRequest("wrong\u0000numbers")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("reason"));
        assertThatThrownBy(() -> RollbackRequest.validReason(new RollbackRequest("lone \ud800 surrogate")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(RollbackRequest.validReason(new RollbackRequest("zurück \uD83D\uDE00"))).isEqualTo("zurück \uD83D\uDE00");
    }
}
