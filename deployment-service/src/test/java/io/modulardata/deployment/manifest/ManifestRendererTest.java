package io.modulardata.deployment.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.modulardata.deployment.deploy.ContainerRequest;
import io.modulardata.deployment.deploy.DeploymentRequest;
import io.modulardata.deployment.deploy.DeploymentRequests;
import io.modulardata.deployment.deploy.DeploymentSpec;
import io.modulardata.deployment.deploy.DeploymentValidator;
import io.modulardata.deployment.registry.TenantFacts;
import io.modulardata.events.ContainerSpec;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.events.DeploymentSlot;

class ManifestRendererTest {

    private static final String GOLDEN = "/manifests/acme-etl-green.yaml";
    static final TenantFacts ACME = new TenantFacts("acme", 5, Set.of(DataEnvironment.STAGING), DataProcessingTier.PROFESSIONAL, 500,
            Map.of());

    private static ComponentManifests renderFull() {
        DeploymentSpec spec = DeploymentValidator.validate("acme", DeploymentRequests.full());
        return ManifestRenderer.render(ACME, spec.componentId(), spec.container(), spec.environmentVariables(), DeploymentSlot.GREEN,
                DeploymentSlot.GREEN);
    }

    private static ComponentManifests render(ContainerRequest container) {
        var spec = DeploymentValidator.validate("acme", new DeploymentRequest("etl-core", "2.1.0", DataEnvironment.STAGING, container, null));
        return ManifestRenderer.render(ACME, "etl-core", spec.container(), spec.environmentVariables(), DeploymentSlot.BLUE,
                DeploymentSlot.BLUE);
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
        assertThat(m.resourceQuota().getMetadata().getName()).isEqualTo("data-processing-acme-quota");
        assertThat(m.limitRange().getMetadata().getName()).isEqualTo("data-processing-acme-limits");
        assertThat(m.networkPolicies()).extracting(p -> p.getMetadata().getName()).containsExactly(
                "data-processing-acme-default-deny", "data-processing-acme-allow-dns", "data-processing-acme-etl-ingress");
        assertThat(m.serviceAccount().getMetadata().getName()).isEqualTo("data-processing-acme");
        assertThat(m.deployment().getMetadata().getName()).isEqualTo("data-processing-acme-etl-green");
        assertThat(m.service().getMetadata().getName()).isEqualTo("data-processing-acme-etl");
        assertThat(m.hpa().getMetadata().getName()).isEqualTo("data-processing-acme-etl-hpa");
        assertThat(m.all()).extracting(HasMetadata::getKind).containsExactly("Namespace", "ResourceQuota", "LimitRange",
                "NetworkPolicy", "NetworkPolicy", "NetworkPolicy", "ServiceAccount", "Deployment", "Service", "HorizontalPodAutoscaler");
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
        assertThat(template.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app", "data-processing", "tenant", "acme", "component", "etl-core", "data-workload", "true", "slot", "green"));
        assertThat(template.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "9090").containsEntry("data-processing.io/tenant", "acme");
        var c = template.getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example.com/data/etl-core:2.1.0");
        assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("4Gi")).containsEntry("ephemeral-storage", new Quantity("20Gi"));
        assertThat(c.getResources().getLimits()).containsOnlyKeys("cpu", "memory", "ephemeral-storage")
                .containsEntry("cpu", new Quantity("750m")).containsEntry("memory", new Quantity("4.8Gi"))
                .containsEntry("ephemeral-storage", new Quantity("20Gi"));
        assertThat(c.getEnv()).containsExactly(
                new EnvVar("BATCH_SIZE", "500", null),
                new EnvVarBuilder().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef().withName("acme-db")
                        .withKey("password").endSecretKeyRef().endValueFrom().build(),
                new EnvVar("LOG_LEVEL", "info", null),
                new EnvVar("TENANT_ID", "acme", null),
                new EnvVar("DATA_PROCESSING_MODE", "production", null));
        assertThat(c.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort()).containsExactly("data-api:8080", "metrics:9090");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(c.getLivenessProbe().getInitialDelaySeconds()).isEqualTo(30);
        assertThat(c.getLivenessProbe().getPeriodSeconds()).isEqualTo(10);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(c.getReadinessProbe().getInitialDelaySeconds()).isEqualTo(10);
        assertThat(c.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
        assertThat(template.getSpec().getVolumes()).hasSize(2);
        assertThat(template.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("acme-input");
        assertThat(template.getSpec().getVolumes().get(1).getEmptyDir()).isNotNull();
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void everyPodRunsRestrictedAlsoWhenTheRequestGivesNoSecurityContext() {
        var minimal = DeploymentValidator.validate("acme", DeploymentRequests.minimal("etl-core", "2.1.0", "etl"));
        var pod = ManifestRenderer.deployment("acme", "etl-core", minimal.container(), List.of(), DeploymentSlot.BLUE)
                .getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getHostNetwork()).isNull();
        assertThat(pod.getHostPID()).isNull();
        assertThat(pod.getHostIPC()).isNull();
        SecurityContext c = pod.getContainers().get(0).getSecurityContext();
        assertRestricted(c);
        assertThat(c.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(c.getPrivileged()).isNull();
        assertThat(c.getRunAsUser()).isNull();
    }

    /** A request recorded before the rules (or a bug in them) still renders a restricted container. */
    @Test
    void theRestrictedSettingsWinOverAStoredSecurityContextThatBreaksThem() {
        var minimal = DeploymentValidator.validate("acme", DeploymentRequests.minimal("etl-core", "2.1.0", "etl")).container();
        ContainerSpec hostile = ContainerSpec.newBuilder(minimal).setSecurityContext(Map.of(
                "privileged", "true", "allowPrivilegeEscalation", "true", "runAsNonRoot", "false", "runAsUser", "0",
                "capabilities", "{\"add\":[\"SYS_ADMIN\",\"NET_BIND_SERVICE\",\"ALL\"],\"drop\":[]}",
                "seccompProfile", "{\"type\":\"Unconfined\"}", "appArmorProfile", "{\"type\":\"Unconfined\"}",
                "seLinuxOptions", "{\"type\":\"spc_t\",\"user\":\"root\",\"level\":\"s0:c1,c2\"}", "procMount", "\"Unmasked\"")).build();
        SecurityContext c = ManifestRenderer.deployment("acme", "etl-core", hostile, List.of(), DeploymentSlot.BLUE)
                .getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext();
        assertRestricted(c);
        assertThat(c.getPrivileged()).isFalse();
        assertThat(c.getRunAsUser()).isNull();
        assertThat(c.getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
        assertThat(c.getAppArmorProfile()).isNull();
        assertThat(c.getSeLinuxOptions().getType()).isNull();
        assertThat(c.getSeLinuxOptions().getUser()).isNull();
        assertThat(c.getSeLinuxOptions().getLevel()).isEqualTo("s0:c1,c2");
        assertThat(c.getProcMount()).isNull();
    }

    @Test
    void keepsALocalhostSeccompProfileThatWasAskedFor() {
        var minimal = DeploymentValidator.validate("acme", DeploymentRequests.minimal("etl-core", "2.1.0", "etl")).container();
        ContainerSpec localhost = ContainerSpec.newBuilder(minimal).setSecurityContext(Map.of(
                "seccompProfile", "{\"type\":\"Localhost\",\"localhostProfile\":\"profiles/etl.json\"}")).build();
        SecurityContext c = ManifestRenderer.deployment("acme", "etl-core", localhost, List.of(), DeploymentSlot.BLUE)
                .getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext();
        assertThat(c.getSeccompProfile().getType()).isEqualTo("Localhost");
        assertThat(c.getSeccompProfile().getLocalhostProfile()).isEqualTo("profiles/etl.json");
        assertThat(c.getRunAsNonRoot()).isTrue();
        assertThat(c.getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
    }

    /** As the original platform: the caller's securityContext is the pod's; the container keeps its hardening too. */
    @Test
    void theRequestedSecurityContextGoesOnThePod() {
        var minimal = DeploymentValidator.validate("acme", DeploymentRequests.minimal("etl-core", "2.1.0", "etl")).container();
        ContainerSpec asked = ContainerSpec.newBuilder(minimal).setSecurityContext(Map.of(
                "runAsUser", "1000", "runAsGroup", "3000", "runAsNonRoot", "true", "readOnlyRootFilesystem", "true",
                "seccompProfile", "{\"type\":\"Localhost\",\"localhostProfile\":\"profiles/etl.json\"}",
                "appArmorProfile", "{\"type\":\"RuntimeDefault\"}", "seLinuxOptions", "{\"level\":\"s0:c1,c2\"}",
                "capabilities", "{\"add\":[\"NET_BIND_SERVICE\"]}")).build();
        var pod = ManifestRenderer.deployment("acme", "etl-core", asked, List.of(), DeploymentSlot.BLUE).getSpec().getTemplate().getSpec();

        var p = pod.getSecurityContext();
        assertThat(p.getRunAsUser()).isEqualTo(1000L);
        assertThat(p.getRunAsGroup()).isEqualTo(3000L);
        assertThat(p.getRunAsNonRoot()).isTrue();
        assertThat(p.getSeccompProfile().getType()).isEqualTo("Localhost");
        assertThat(p.getSeccompProfile().getLocalhostProfile()).isEqualTo("profiles/etl.json");
        assertThat(p.getAppArmorProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(p.getSeLinuxOptions().getLevel()).isEqualTo("s0:c1,c2");
        SecurityContext c = pod.getContainers().get(0).getSecurityContext();
        assertThat(c.getRunAsUser()).isEqualTo(1000L);
        assertThat(c.getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
    }

    /** A stored securityContext that breaks the restricted standard does not reach the pod either. */
    @Test
    void thePodSecurityContextStaysRestrictedWhateverIsStored() {
        var minimal = DeploymentValidator.validate("acme", DeploymentRequests.minimal("etl-core", "2.1.0", "etl")).container();
        ContainerSpec hostile = ContainerSpec.newBuilder(minimal).setSecurityContext(Map.of(
                "runAsNonRoot", "false", "runAsUser", "0", "seccompProfile", "{\"type\":\"Unconfined\"}",
                "appArmorProfile", "{\"type\":\"Unconfined\"}", "seLinuxOptions", "{\"type\":\"spc_t\",\"user\":\"root\"}")).build();
        var p = ManifestRenderer.deployment("acme", "etl-core", hostile, List.of(), DeploymentSlot.BLUE)
                .getSpec().getTemplate().getSpec().getSecurityContext();

        assertThat(p.getRunAsNonRoot()).isTrue();
        assertThat(p.getRunAsUser()).isNull();
        assertThat(p.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(p.getAppArmorProfile()).isNull();
        assertThat(p.getSeLinuxOptions()).isNull();
    }

    private static void assertRestricted(SecurityContext c) {
        assertThat(c.getRunAsNonRoot()).isTrue();
        assertThat(c.getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getSeccompProfile().getLocalhostProfile()).isNull();
    }

    @Test
    void theNamespaceEnforcesTheRestrictedPodSecurityStandard() {
        assertThat(renderFull().namespace().getMetadata().getLabels()).containsExactlyEntriesOf(orderedMap(
                "app", "data-processing", "tenant", "acme",
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/audit", "restricted",
                "pod-security.kubernetes.io/warn", "restricted"));
    }

    @Test
    void theQuotaAndLimitRangeFollowTheTierAndTheStorageQuota() {
        var m = renderFull();
        assertThat(m.resourceQuota().getSpec().getHard()).containsExactlyEntriesOf(orderedMap(
                "requests.cpu", new Quantity("64"), "limits.cpu", new Quantity("96"),
                "requests.memory", new Quantity("256Gi"), "limits.memory", new Quantity("307.2Gi"),
                "requests.ephemeral-storage", new Quantity("2000Gi"), "pods", new Quantity("100"),
                "requests.storage", new Quantity("500Gi")));
        var limit = m.limitRange().getSpec().getLimits().get(0);
        assertThat(m.limitRange().getSpec().getLimits()).hasSize(1);
        assertThat(limit.getType()).isEqualTo("Container");
        assertThat(limit.getMax()).containsExactlyEntriesOf(orderedMap(
                "cpu", new Quantity("12"), "memory", new Quantity("38.4Gi"), "ephemeral-storage", new Quantity("200Gi")));
        assertThat(limit.getDefault()).containsExactlyEntriesOf(orderedMap("cpu", new Quantity("500m"), "memory", new Quantity("512Mi")));
        assertThat(limit.getDefaultRequest()).containsExactlyEntriesOf(orderedMap("cpu", new Quantity("250m"),
                "memory", new Quantity("256Mi"), "ephemeral-storage", new Quantity("1Gi")));

        var basic = new TenantFacts("small", 1, Set.of(DataEnvironment.STAGING), DataProcessingTier.BASIC, null, Map.of());
        assertThat(NamespacePolicies.resourceQuota(basic).getSpec().getHard()).containsExactlyEntriesOf(orderedMap(
                "requests.cpu", new Quantity("8"), "limits.cpu", new Quantity("12"),
                "requests.memory", new Quantity("32Gi"), "limits.memory", new Quantity("38.4Gi"),
                "requests.ephemeral-storage", new Quantity("200Gi"), "pods", new Quantity("20")));
        assertThat(NamespacePolicies.limitRange(basic).getSpec().getLimits().get(0).getMax()).containsExactlyEntriesOf(orderedMap(
                "cpu", new Quantity("3"), "memory", new Quantity("9.6Gi"), "ephemeral-storage", new Quantity("50Gi")));
    }

    @Test
    void theNetworkPoliciesDenyEverythingButDnsAndTheServicePorts() {
        var policies = renderFull().networkPolicies();
        NetworkPolicy deny = new NetworkPolicyBuilder()
                .withNewMetadata().withName("data-processing-acme-default-deny").withNamespace("data-tenant-acme")
                    .withLabels(orderedMap("app", "data-processing", "tenant", "acme")).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec()
                .build();
        NetworkPolicy dns = new NetworkPolicyBuilder()
                .withNewMetadata().withName("data-processing-acme-allow-dns").withNamespace("data-tenant-acme")
                    .withLabels(orderedMap("app", "data-processing", "tenant", "acme")).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress")
                    .addNewEgress()
                        .addNewTo()
                            .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "kube-system").endNamespaceSelector()
                            .withNewPodSelector().addToMatchLabels("k8s-app", "kube-dns").endPodSelector()
                        .endTo()
                        .addNewPort().withProtocol("UDP").withNewPort(53).endPort()
                        .addNewPort().withProtocol("TCP").withNewPort(53).endPort()
                    .endEgress()
                .endSpec()
                .build();
        Map<String, String> component = orderedMap("app", "data-processing", "tenant", "acme", "component", "etl-core");
        NetworkPolicy ingress = new NetworkPolicyBuilder()
                .withNewMetadata().withName("data-processing-acme-etl-ingress").withNamespace("data-tenant-acme")
                    .withLabels(component).endMetadata()
                .withNewSpec().withNewPodSelector().withMatchLabels(component).endPodSelector().withPolicyTypes("Ingress")
                    .addNewIngress()
                        .addNewPort().withProtocol("TCP").withNewPort(8080).endPort()
                        .addNewPort().withProtocol("TCP").withNewPort(9090).endPort()
                    .endIngress()
                .endSpec()
                .build();
        assertThat(policies).containsExactly(deny, dns, ingress);
        // the ingress rule admits both slots' pods, from any source, on the Service's ports only
        assertThat(policies.get(2).getSpec().getIngress().get(0).getFrom()).isEmpty();
        assertThat(renderFull().service().getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(8080, 9090);
    }

    @Test
    void pinsTheImageDigestWhenOneIsGiven() {
        String digest = "sha256:" + "ab".repeat(32);
        var pinned = new ContainerRequest("registry.example.com/data/etl-core", "2.1.0", "etl", null, null, null, null, null, null,
                null, null, null, null, null, null, digest);
        assertThat(render(pinned).deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/data/etl-core:2.1.0@" + digest);
    }

    @Test
    void serviceSelectsTheGivenSlot() {
        var spec = DeploymentValidator.validate("acme", DeploymentRequests.full());
        var m = ManifestRenderer.render(ACME, "etl-core", spec.container(), spec.environmentVariables(), DeploymentSlot.GREEN,
                DeploymentSlot.BLUE);
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

        var onlyThroughput = new ContainerRequest("etl", "1", "etl", null, null, null, null,
                null, null, null, null, null, null, List.of("data_throughput"), null, null);
        var single = render(onlyThroughput).hpa();
        assertThat(single.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Pods");
    }

    @Test
    void noHpaWithoutAutoscalingAndAGpuLimitWhenRequired() {
        var container = new ContainerRequest("etl", "1", "etl", 1.0, 2.0, null, true,
                16.0, null, null, null, null, false, null, null, null);
        var m = render(container);
        assertThat(m.hpa()).isNull();
        assertThat(m.all()).hasSize(9);
        var limits = m.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits();
        assertThat(limits).containsEntry("nvidia.com/gpu", new Quantity("1")).containsEntry("cpu", new Quantity("1500m"))
                .containsEntry("memory", new Quantity("2.4Gi"));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> orderedMap(Object... keysAndValues) {
        Map<String, V> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
