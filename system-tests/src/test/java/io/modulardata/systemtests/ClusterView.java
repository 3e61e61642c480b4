package io.modulardata.systemtests;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * What a Kubernetes API (here the emulation {@code up} starts) holds for one tenant's component, read
 * with a client of its own, independent of deployment-service. Names follow deployment-service's
 * manifests: {@code data-processing-{tenant}-{container}} for the Service, plus {@code -blue},
 * {@code -green} for the slots' Deployments and {@code -hpa} for the autoscaler.
 */
final class ClusterView implements AutoCloseable {

    private final KubernetesClient client;

    ClusterView(String apiUrl) {
        this.client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(apiUrl).withTrustCerts(true).build()).build();
    }

    /** The slots whose Deployment exists, e.g. {@code [blue]}. */
    List<String> deployedSlots(String tenantId, String containerName) {
        String prefix = serviceName(tenantId, containerName) + "-";
        return client.apps().deployments().inNamespace(namespace(tenantId)).list().getItems().stream()
                .map(found -> found.getMetadata().getName())
                .filter(name -> name.startsWith(prefix) && !name.endsWith("-hpa"))
                .map(name -> name.substring(prefix.length()))
                .sorted()
                .toList();
    }

    /** The slot the component's Service selects, if the Service exists. */
    Optional<String> servedSlot(String tenantId, String containerName) {
        Service service = client.services().inNamespace(namespace(tenantId)).withName(serviceName(tenantId, containerName)).get();
        return Optional.ofNullable(service).map(found -> found.getSpec().getSelector().get("slot"));
    }

    /** The Deployment the component's autoscaler scales, if it exists. */
    Optional<String> scaledDeployment(String tenantId, String containerName) {
        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace(tenantId))
                .withName(serviceName(tenantId, containerName) + "-hpa").get();
        return Optional.ofNullable(hpa).map(found -> found.getSpec().getScaleTargetRef().getName());
    }

    /** Whether the tenant's namespace exists (and is not being deleted). */
    boolean hasNamespace(String tenantId) {
        var found = client.namespaces().withName(namespace(tenantId)).get();
        return found != null && found.getMetadata().getDeletionTimestamp() == null;
    }

    static String deploymentName(String tenantId, String containerName, String slot) {
        return serviceName(tenantId, containerName) + "-" + slot;
    }

    private static String serviceName(String tenantId, String containerName) {
        return "data-processing-" + tenantId + "-" + containerName;
    }

    private static String namespace(String tenantId) {
        return "data-tenant-" + tenantId;
    }

    @Override
    public void close() {
        client.close();
    }
}
