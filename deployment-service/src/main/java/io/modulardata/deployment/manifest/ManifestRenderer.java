package io.modulardata.deployment.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.modulardata.deployment.deploy.EnvironmentVariable;
import io.modulardata.deployment.deploy.ScalingMetric;
import io.modulardata.deployment.deploy.VolumeType;
import io.modulardata.deployment.registry.TenantFacts;
import io.modulardata.events.ContainerSpec;
import io.modulardata.events.DataVolume;
import io.modulardata.events.DeploymentSlot;

/**
 * Renders the Kubernetes objects of one slot of a tenant's component with fabric8's typed builders.
 * Pure: the same input gives the same objects (maps are ordered), so a preview can be compared to a file.
 */
public final class ManifestRenderer {

    public static final String APP = "data-processing";
    public static final String LABEL_APP = "app";
    public static final String LABEL_TENANT = "tenant";
    public static final String LABEL_COMPONENT = "component";
    public static final String LABEL_DATA_WORKLOAD = "data-workload";
    public static final String LABEL_SLOT = "slot";
    public static final String ANNOTATION_TENANT = "data-processing.io/tenant";
    public static final int DATA_API_PORT = 8080;
    public static final int METRICS_PORT = 9090;
    public static final int CPU_UTILIZATION_PERCENT = 70;
    public static final int MEMORY_UTILIZATION_PERCENT = 80;
    public static final String THROUGHPUT_METRIC = "data_processing_throughput_per_second";
    public static final String THROUGHPUT_AVERAGE_VALUE = "100";
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    /** Pod Security Admission: the cluster itself refuses any pod the restricted standard does not allow. */
    public static final String PSA_PREFIX = "pod-security.kubernetes.io/";
    public static final String PSA_LEVEL = "restricted";

    private ManifestRenderer() {
    }

    /**
     * @param tenant      the tenant as deployment-service knows it: its tier sizes the namespace's guard rails
     * @param environment the container's environment variables (the container spec only names them)
     * @param slot        the slot whose Deployment (and HPA target) is rendered
     * @param serviceSlot the slot the Service sends traffic to
     */
    public static ComponentManifests render(TenantFacts tenant, String componentId, ContainerSpec container,
            List<EnvironmentVariable> environment, DeploymentSlot slot, DeploymentSlot serviceSlot) {
        String tenantId = tenant.tenantId();
        return new ComponentManifests(
                namespace(tenantId),
                NamespacePolicies.resourceQuota(tenant),
                NamespacePolicies.limitRange(tenant),
                List.of(NamespacePolicies.defaultDeny(tenantId), NamespacePolicies.dnsEgress(tenantId),
                        NamespacePolicies.componentIngress(tenantId, componentId, container.getContainerName())),
                serviceAccount(tenantId),
                deployment(tenantId, componentId, container, environment, slot),
                service(tenantId, componentId, container.getContainerName(), serviceSlot),
                container.getAutoScalingEnabled() ? hpa(tenantId, container, slot) : null);
    }

    /** The tenant namespace, labelled for Pod Security Admission: enforce, audit and warn at the restricted level. */
    public static Namespace namespace(String tenantId) {
        return new NamespaceBuilder()
                .withNewMetadata()
                    .withName(ManifestNames.namespace(tenantId))
                    .withLabels(ordered(LABEL_APP, APP, LABEL_TENANT, tenantId,
                            PSA_PREFIX + "enforce", PSA_LEVEL, PSA_PREFIX + "audit", PSA_LEVEL, PSA_PREFIX + "warn", PSA_LEVEL))
                .endMetadata()
                .build();
    }

    static Map<String, String> tenantLabels(String tenantId) {
        return ordered(LABEL_APP, APP, LABEL_TENANT, tenantId);
    }

    /** The labels every pod of a component carries in either slot. */
    static Map<String, String> componentLabels(String tenantId, String componentId) {
        return ordered(LABEL_APP, APP, LABEL_TENANT, tenantId, LABEL_COMPONENT, componentId);
    }

    public static ServiceAccount serviceAccount(String tenantId) {
        return new ServiceAccountBuilder()
                .withNewMetadata()
                    .withName(ManifestNames.serviceAccount(tenantId))
                    .withNamespace(ManifestNames.namespace(tenantId))
                    .withLabels(tenantLabels(tenantId))
                .endMetadata()
                .build();
    }

    public static Map<String, String> selector(String tenantId, String componentId, DeploymentSlot slot) {
        return ordered(LABEL_APP, APP, LABEL_TENANT, tenantId, LABEL_COMPONENT, componentId,
                LABEL_SLOT, ManifestNames.slotLabel(slot));
    }

    static Map<String, String> labels(String tenantId, String componentId, DeploymentSlot slot) {
        return ordered(LABEL_APP, APP, LABEL_TENANT, tenantId, LABEL_COMPONENT, componentId,
                LABEL_DATA_WORKLOAD, "true", LABEL_SLOT, ManifestNames.slotLabel(slot));
    }

    public static Deployment deployment(String tenantId, String componentId, ContainerSpec container,
            List<EnvironmentVariable> environment, DeploymentSlot slot) {
        Map<String, String> labels = labels(tenantId, componentId, slot);
        return new DeploymentBuilder()
                .withNewMetadata()
                    .withName(ManifestNames.deploymentName(tenantId, container.getContainerName(), slot))
                    .withNamespace(ManifestNames.namespace(tenantId))
                    .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                    .withReplicas(container.getMinReplicas())
                    .withNewSelector().withMatchLabels(selector(tenantId, componentId, slot)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(labels)
                            .withAnnotations(ordered("prometheus.io/scrape", "true",
                                    "prometheus.io/port", String.valueOf(METRICS_PORT),
                                    ANNOTATION_TENANT, tenantId))
                        .endMetadata()
                        .withNewSpec()
                            .withServiceAccountName(ManifestNames.serviceAccount(tenantId))
                            // tenant code has no business with the Kubernetes API
                            .withAutomountServiceAccountToken(false)
                            .withSecurityContext(SecurityContexts.pod(container.getSecurityContext()))
                            .withContainers(container(tenantId, container, environment))
                            .withVolumes(volumes(container.getDataVolumes()))
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    static Container container(String tenantId, ContainerSpec spec, List<EnvironmentVariable> environment) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", Quantities.cpu(spec.getCpuCores()));
        requests.put("memory", Quantities.gibibytes(spec.getMemoryGb()));
        requests.put("ephemeral-storage", Quantities.gibibytes(spec.getStorageGb()));
        Map<String, Quantity> limits = new LinkedHashMap<>();
        limits.put("cpu", Quantities.cpuLimit(spec.getCpuCores()));
        limits.put("memory", Quantities.memoryLimit(spec.getMemoryGb()));
        // As the original platform: the pod may not write more than it asked for (the kubelet evicts it).
        limits.put("ephemeral-storage", Quantities.gibibytes(spec.getStorageGb()));
        if (spec.getGpuRequired()) {
            limits.put(GPU_RESOURCE, new Quantity("1"));
        }
        List<EnvVar> env = new ArrayList<>();
        environment.stream().sorted(Comparator.comparing(EnvironmentVariable::name)).forEach(variable -> env.add(envVar(variable)));
        env.add(new EnvVar("TENANT_ID", tenantId, null));
        env.add(new EnvVar("DATA_PROCESSING_MODE", "production", null));
        List<VolumeMount> mounts = spec.getDataVolumes().stream()
                .map(v -> new io.fabric8.kubernetes.api.model.VolumeMountBuilder()
                        .withName(v.getName()).withMountPath(v.getMountPath()).withReadOnly(v.getReadOnly()).build())
                .toList();
        return new ContainerBuilder()
                .withName(spec.getContainerName())
                .withImage(spec.getImageName() + ":" + spec.getImageTag()
                        + (spec.getImageDigest() == null ? "" : "@" + spec.getImageDigest()))
                .addNewPort().withName("data-api").withContainerPort(DATA_API_PORT).withProtocol("TCP").endPort()
                .addNewPort().withName("metrics").withContainerPort(METRICS_PORT).withProtocol("TCP").endPort()
                .withEnv(env)
                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                .withNewLivenessProbe()
                    .withNewHttpGet().withPath("/health").withPort(new IntOrString(DATA_API_PORT)).endHttpGet()
                    .withInitialDelaySeconds(30).withPeriodSeconds(10)
                .endLivenessProbe()
                .withNewReadinessProbe()
                    .withNewHttpGet().withPath("/ready").withPort(new IntOrString(DATA_API_PORT)).endHttpGet()
                    .withInitialDelaySeconds(10).withPeriodSeconds(5)
                .endReadinessProbe()
                .withVolumeMounts(mounts)
                .withSecurityContext(SecurityContexts.container(spec.getSecurityContext()))
                .build();
    }

    private static EnvVar envVar(EnvironmentVariable variable) {
        if (!variable.isSecretReference()) {
            return new EnvVar(variable.name(), variable.value(), null);
        }
        return new EnvVarBuilder().withName(variable.name())
                .withNewValueFrom().withNewSecretKeyRef().withName(variable.secretName()).withKey(variable.secretKey())
                .endSecretKeyRef().endValueFrom()
                .build();
    }

    static List<Volume> volumes(List<DataVolume> volumes) {
        return volumes.stream().map(v -> {
            VolumeBuilder volume = new VolumeBuilder().withName(v.getName());
            if (VolumeType.PERSISTENT.equals(v.getType())) {
                volume.withNewPersistentVolumeClaim().withClaimName(v.getPvcName()).withReadOnly(v.getReadOnly())
                        .endPersistentVolumeClaim();
            } else {
                volume.withNewEmptyDir().endEmptyDir();
            }
            return volume.build();
        }).toList();
    }

    public static Service service(String tenantId, String componentId, String containerName, DeploymentSlot liveSlot) {
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(ManifestNames.serviceName(tenantId, containerName))
                    .withNamespace(ManifestNames.namespace(tenantId))
                    .withLabels(componentLabels(tenantId, componentId))
                .endMetadata()
                .withNewSpec()
                    .withSelector(selector(tenantId, componentId, liveSlot))
                    .addNewPort().withName("data-api").withPort(DATA_API_PORT)
                        .withTargetPort(new IntOrString("data-api")).withProtocol("TCP").endPort()
                    .addNewPort().withName("metrics").withPort(METRICS_PORT)
                        .withTargetPort(new IntOrString("metrics")).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    public static HorizontalPodAutoscaler hpa(String tenantId, ContainerSpec container, DeploymentSlot slot) {
        List<MetricSpec> metrics = new ArrayList<>();
        List<String> listed = container.getScalingMetrics();
        if (listed.contains(ScalingMetric.CPU)) {
            metrics.add(resourceMetric("cpu", CPU_UTILIZATION_PERCENT));
        }
        if (listed.contains(ScalingMetric.MEMORY)) {
            metrics.add(resourceMetric("memory", MEMORY_UTILIZATION_PERCENT));
        }
        if (listed.contains(ScalingMetric.DATA_THROUGHPUT)) {
            metrics.add(new MetricSpecBuilder().withType("Pods")
                    .withNewPods()
                        .withNewMetric().withName(THROUGHPUT_METRIC).endMetric()
                        .withNewTarget().withType("AverageValue").withAverageValue(new Quantity(THROUGHPUT_AVERAGE_VALUE)).endTarget()
                    .endPods()
                    .build());
        }
        String containerName = container.getContainerName();
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                    .withName(ManifestNames.hpaName(tenantId, containerName))
                    .withNamespace(ManifestNames.namespace(tenantId))
                    .withLabels(tenantLabels(tenantId))
                .endMetadata()
                .withNewSpec()
                    .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(ManifestNames.deploymentName(tenantId, containerName, slot)).endScaleTargetRef()
                    .withMinReplicas(container.getMinReplicas())
                    .withMaxReplicas(container.getMaxReplicas())
                    .withMetrics(metrics)
                .endSpec()
                .build();
    }

    private static MetricSpec resourceMetric(String resource, int utilizationPercent) {
        return new MetricSpecBuilder().withType("Resource")
                .withNewResource().withName(resource)
                    .withNewTarget().withType("Utilization").withAverageUtilization(utilizationPercent).endTarget()
                .endResource()
                .build();
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
