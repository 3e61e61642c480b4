package io.modulardata.deployment.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.modulardata.deployment.deployment.DeploymentRequests;
import io.modulardata.deployment.deployment.DeploymentSpec;
import io.modulardata.deployment.deployment.DeploymentValidator;
import io.modulardata.events.DeploymentSlot;

class ManifestRendererTest {

    private static final String GOLDEN = "/manifests/acme-etl-green.yaml";

    private static ComponentManifests renderFull() {
        DeploymentSpec spec = DeploymentValidator.validate("acme", DeploymentRequests.full());
        return ManifestRenderer.render("acme", spec.componentId(), spec.container(), DeploymentSlot.GREEN, DeploymentSlot.GREEN);
    }

    @Test
    void renderedPreviewEqualsTheCheckedInManifests() throws IOException {
        String rendered = ManifestYaml.of(renderFull());
        // On a deliberate change: inspect target/rendered-manifests.yaml and copy it over the golden file.
        Files.writeString(Path.of("target", "rendered-manifests.yaml"), rendered);
        try (InputStream golden = getClass().getResourceAsStream(GOLDEN)) {
            assertThat(golden).as(GOLDEN).isNotNull();
            assertThat(rendered).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void namesEveryObjectAfterTenantContainerAndSlot() {
        var m = renderFull();
        assertThat(m.namespace().getMetadata().getName()).isEqualTo("data-tenant-acme");
        assertThat(m.serviceAccount().getMetadata().getName()).isEqualTo("data-processing-acme");
        assertThat(m.deployment().getMetadata().getName()).isEqualTo("data-processing-acme-etl-green");
        assertThat(m.service().getMetadata().getName()).isEqualTo("data-processing-acme-etl");
        assertThat(m.hpa().getMetadata().getName()).isEqualTo("data-processing-acme-etl-hpa");
        assertThat(m.all()).allSatisfy(o -> {
            if (!(o instanceof io.fabric8.kubernetes.api.model.Namespace)) {
                assertThat(o.getMetadata().getNamespace()).isEqualTo("data-tenant-acme");
            }
        });
    }

    @Test
    void deploymentCarriesLabelsAnnotationsResourcesEnvAndProbes() {
        var d = renderFull().deployment();
        var template = d.getSpec().getTemplate();
        assertThat(template.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "app", "data-processing", "tenant", "acme", "component", "etl-core", "data-workload", "true", "slot", "green"));
        assertThat(template.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "9090").containsEntry("data-processing.io/tenant", "acme");
        var c = template.getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example.com/data/etl-core:2.1.0");
        assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("4Gi")).containsEntry("ephemeral-storage", new Quantity("20Gi"));
        assertThat(c.getResources().getLimits()).containsOnlyKeys("cpu", "memory")
                .containsEntry("cpu", new Quantity("750m")).containsEntry("memory", new Quantity("4.8Gi"));
        assertThat(c.getEnv()).extracting(EnvVar::getName).containsExactly("BATCH_SIZE", "LOG_LEVEL", "TENANT_ID", "DATA_PROCESSING_MODE");
        assertThat(c.getEnv()).contains(new EnvVar("TENANT_ID", "acme", null), new EnvVar("DATA_PROCESSING_MODE", "production", null));
        assertThat(c.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort()).containsExactly("data-api:8080", "metrics:9090");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getLivenessProbe().getInitialDelaySeconds()).isEqualTo(30);
        assertThat(c.getLivenessProbe().getPeriodSeconds()).isEqualTo(10);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(c.getReadinessProbe().getInitialDelaySeconds()).isEqualTo(10);
        assertThat(c.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(template.getSpec().getVolumes()).hasSize(2);
        assertThat(template.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("acme-input");
        assertThat(template.getSpec().getVolumes().get(1).getEmptyDir()).isNotNull();
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void serviceSelectsTheGivenSlot() {
        var spec = DeploymentValidator.validate("acme", DeploymentRequests.full());
        var m = ManifestRenderer.render("acme", "etl-core", spec.container(), DeploymentSlot.GREEN, DeploymentSlot.BLUE);
        assertThat(m.service().getSpec().getSelector()).containsEntry("slot", "blue").containsEntry("component", "etl-core");
        assertThat(m.deployment().getSpec().getSelector().getMatchLabels()).containsEntry("slot", "green");
    }

    @Test
    void hpaListsOnlyTheRequestedMetrics() {
        var hpa = renderFull().hpa();
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("data-processing-acme-etl-green");
        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Resource", "Resource", "Pods");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        assertThat(hpa.getSpec().getMetrics().get(1).getResource().getTarget().getAverageUtilization()).isEqualTo(80);
        var pods = hpa.getSpec().getMetrics().get(2).getPods();
        assertThat(pods.getMetric().getName()).isEqualTo("data_processing_throughput_per_second");
        assertThat(pods.getTarget().getAverageValue()).isEqualTo(new Quantity("100"));

        var onlyThroughput = new io.modulardata.deployment.deployment.ContainerRequest("etl", "1", "etl", null, null, null, null,
                null, null, null, null, null, null, java.util.List.of("data_throughput"), null);
        var spec = DeploymentValidator.validate("acme", new io.modulardata.deployment.deployment.DeploymentRequest(
                "etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, onlyThroughput, null));
        var single = ManifestRenderer.render("acme", "etl-core", spec.container(), DeploymentSlot.BLUE, DeploymentSlot.BLUE).hpa();
        assertThat(single.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Pods");
    }

    @Test
    void noHpaWithoutAutoscalingAndAGpuLimitWhenRequired() {
        var container = new io.modulardata.deployment.deployment.ContainerRequest("etl", "1", "etl", 1.0, 2.0, null, true,
                16.0, null, null, null, null, false, null, null);
        var spec = DeploymentValidator.validate("acme", new io.modulardata.deployment.deployment.DeploymentRequest(
                "etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, container, null));
        var m = ManifestRenderer.render("acme", "etl-core", spec.container(), DeploymentSlot.BLUE, DeploymentSlot.BLUE);
        assertThat(m.hpa()).isNull();
        assertThat(m.all()).hasSize(4);
        var limits = m.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits();
        assertThat(limits).containsEntry("nvidia.com/gpu", new Quantity("1")).containsEntry("cpu", new Quantity("1500m"))
                .containsEntry("memory", new Quantity("2.4Gi"));
    }
}
