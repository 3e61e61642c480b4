package io.modulardata.deployment.manifest;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.modulardata.deployment.registry.TenantFacts;
import io.modulardata.deployment.tenancy.TierLimits;

/**
 * The guard rails of a tenant namespace, from the tenant's tier and configuration: a ResourceQuota (what
 * all its pods together may use), a LimitRange (defaults for containers that name no resources, and the
 * most one container may use), and NetworkPolicies that deny all traffic except DNS lookups and traffic
 * to a component's Service ports.
 */
public final class NamespacePolicies {

    public static final String DEFAULT_CPU_LIMIT = "500m";
    public static final String DEFAULT_MEMORY_LIMIT = "512Mi";
    public static final String DEFAULT_CPU_REQUEST = "250m";
    public static final String DEFAULT_MEMORY_REQUEST = "256Mi";
    public static final String DEFAULT_EPHEMERAL_STORAGE_REQUEST = "1Gi";
    public static final String DNS_NAMESPACE = "kube-system";
    public static final String DNS_POD_LABEL = "k8s-app";
    public static final String DNS_POD_LABEL_VALUE = "kube-dns";
    public static final int DNS_PORT = 53;

    private NamespacePolicies() {
    }

    /**
     * requests and limits of cpu and memory, requested ephemeral storage and pods from the tier (limits at
     * the same factors a container's limits have); PVC storage ({@code requests.storage}) is
     * {@code dataStorageQuotaGb}, unlimited when the tenant has none.
     */
    public static ResourceQuota resourceQuota(TenantFacts tenant) {
        TierLimits limits = TierLimits.of(tenant);
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", Quantities.cpu(limits.quotaCpuCores()));
        hard.put("limits.cpu", Quantities.cpuLimit(limits.quotaCpuCores()));
        hard.put("requests.memory", Quantities.gibibytes(limits.quotaMemoryGb()));
        hard.put("limits.memory", Quantities.memoryLimit(limits.quotaMemoryGb()));
        hard.put("requests.ephemeral-storage", Quantities.gibibytes(limits.quotaStorageGb()));
        hard.put("pods", new Quantity(String.valueOf(limits.quotaPods())));
        if (tenant.dataStorageQuotaGb() != null) {
            hard.put("requests.storage", Quantities.gibibytes(tenant.dataStorageQuotaGb()));
        }
        return new ResourceQuotaBuilder()
                .withMetadata(metadata(ManifestNames.resourceQuota(tenant.tenantId()), tenant.tenantId()))
                .withNewSpec().withHard(hard).endSpec()
                .build();
    }

    /** Container defaults, and the tier's per-container maximum (as the limits a container of that size gets). */
    public static LimitRange limitRange(TenantFacts tenant) {
        TierLimits limits = TierLimits.of(tenant);
        Map<String, Quantity> max = new LinkedHashMap<>();
        max.put("cpu", Quantities.cpuLimit(limits.maxCpuCores()));
        max.put("memory", Quantities.memoryLimit(limits.maxMemoryGb()));
        max.put("ephemeral-storage", Quantities.gibibytes(limits.maxStorageGb()));
        Map<String, Quantity> defaultLimit = new LinkedHashMap<>();
        defaultLimit.put("cpu", new Quantity(DEFAULT_CPU_LIMIT));
        defaultLimit.put("memory", new Quantity(DEFAULT_MEMORY_LIMIT));
        Map<String, Quantity> defaultRequest = new LinkedHashMap<>();
        defaultRequest.put("cpu", new Quantity(DEFAULT_CPU_REQUEST));
        defaultRequest.put("memory", new Quantity(DEFAULT_MEMORY_REQUEST));
        defaultRequest.put("ephemeral-storage", new Quantity(DEFAULT_EPHEMERAL_STORAGE_REQUEST));
        return new LimitRangeBuilder()
                .withMetadata(metadata(ManifestNames.limitRange(tenant.tenantId()), tenant.tenantId()))
                .withNewSpec()
                    .addNewLimit().withType("Container").withMax(max).withDefault(defaultLimit).withDefaultRequest(defaultRequest).endLimit()
                .endSpec()
                .build();
    }

    /** Every pod of the namespace: no traffic in or out unless another policy allows it. */
    public static NetworkPolicy defaultDeny(String tenantId) {
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(ManifestNames.defaultDenyPolicy(tenantId), tenantId))
                .withNewSpec()
                    .withNewPodSelector().endPodSelector()
                    .withPolicyTypes("Ingress", "Egress")
                .endSpec()
                .build();
    }

    /** Every pod of the namespace may look names up at the cluster DNS (kube-dns in kube-system), and reach nothing else. */
    public static NetworkPolicy dnsEgress(String tenantId) {
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(ManifestNames.dnsEgressPolicy(tenantId), tenantId))
                .withNewSpec()
                    .withNewPodSelector().endPodSelector()
                    .withPolicyTypes("Egress")
                    .addNewEgress()
                        .addNewTo()
                            .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", DNS_NAMESPACE).endNamespaceSelector()
                            .withNewPodSelector().addToMatchLabels(DNS_POD_LABEL, DNS_POD_LABEL_VALUE).endPodSelector()
                        .endTo()
                        .withPorts(port("UDP", DNS_PORT), port("TCP", DNS_PORT))
                    .endEgress()
                .endSpec()
                .build();
    }

    /** The component's pods (both slots) accept connections on the ports its Service exposes, from anywhere. */
    public static NetworkPolicy componentIngress(String tenantId, String componentId, String containerName) {
        return new NetworkPolicyBuilder()
                .withMetadata(new ObjectMetaBuilder(metadata(ManifestNames.ingressPolicy(tenantId, containerName), tenantId))
                        .withLabels(ManifestRenderer.componentLabels(tenantId, componentId)).build())
                .withNewSpec()
                    .withNewPodSelector().withMatchLabels(ManifestRenderer.componentLabels(tenantId, componentId)).endPodSelector()
                    .withPolicyTypes("Ingress")
                    .addNewIngress()
                        .withPorts(port("TCP", ManifestRenderer.DATA_API_PORT), port("TCP", ManifestRenderer.METRICS_PORT))
                    .endIngress()
                .endSpec()
                .build();
    }

    /** An object of the tenant namespace, labelled with the tenant. */
    private static ObjectMeta metadata(String name, String tenantId) {
        return new ObjectMetaBuilder().withName(name).withNamespace(ManifestNames.namespace(tenantId))
                .withLabels(ManifestRenderer.tenantLabels(tenantId)).build();
    }

    private static NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
    }
}
