package io.modulardata.deployment.rollout;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modulardata.deployment.manifest.ComponentManifests;
import io.modulardata.deployment.manifest.ManifestNames;
import io.modulardata.deployment.manifest.ManifestRenderer;
import io.modulardata.events.DeploymentSlot;

/**
 * The cluster side of a rollout, with fabric8 (blocking: call it from a worker thread). Every operation
 * is idempotent, so a rollout resumed after a crash may repeat the step it was killed in.
 */
@ApplicationScoped
public class ClusterOperations {

    private final KubernetesClient client;

    public ClusterOperations(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The namespace and service account are created, or get our labels by a JSON merge patch that leaves
     * what an operator added to them (labels, annotations) in place. The namespace's quota, limit range and
     * network policies and the green Deployment (with {@code replicas}) are created or replaced: they are
     * ours alone. The Service is created only when missing, selecting {@code serviceSlot}; an existing one
     * keeps its live selector. The HPA is not touched: it is the live slot's, applied at the traffic switch
     * ({@link #applyHpa}), so it never scales a green that was not validated. Returns green's generation.
     */
    public long deployGreen(ComponentManifests manifests, int replicas) {
        createOrMergeLabels(manifests.namespace());
        client.resource(manifests.resourceQuota()).unlock().createOr(op -> op.update());
        client.resource(manifests.limitRange()).unlock().createOr(op -> op.update());
        manifests.networkPolicies().forEach(policy -> client.resource(policy).unlock().createOr(op -> op.update()));
        createOrMergeLabels(manifests.serviceAccount());
        manifests.deployment().getSpec().setReplicas(replicas);
        Deployment applied = client.resource(manifests.deployment()).unlock().createOr(op -> op.update());
        String namespace = manifests.service().getMetadata().getNamespace();
        if (client.services().inNamespace(namespace).withName(manifests.service().getMetadata().getName()).get() == null) {
            client.resource(manifests.service()).create();
        }
        Long generation = applied.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    /**
     * Green's size: at least what blue runs with now (its HPA may have scaled it up), within the new
     * rollout's minReplicas and maxReplicas, so green takes the traffic at blue's capacity.
     */
    public static int greenReplicas(Deployment blue, int minReplicas, int maxReplicas) {
        Integer serving = blue == null || blue.getSpec() == null ? null : blue.getSpec().getReplicas();
        return Math.min(maxReplicas, Math.max(minReplicas, serving == null ? 0 : serving));
    }

    /**
     * The component's HPA as {@code hpa} says (created or replaced: min, max, metrics and target are the
     * rollout's), or deleted when {@code hpa} is null (autoscaling off).
     */
    public void applyHpa(String tenantId, String containerName, HorizontalPodAutoscaler hpa) {
        if (hpa == null) {
            client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ManifestNames.namespace(tenantId))
                    .withName(ManifestNames.hpaName(tenantId, containerName)).delete();
        } else {
            client.resource(hpa).unlock().createOr(op -> op.update());
        }
    }

    /** Creates {@code object}, or merges its labels into the existing one (a replace would drop everything an operator added). */
    private void createOrMergeLabels(HasMetadata object) {
        String patch = client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("labels", object.getMetadata().getLabels())));
        client.resource(object).unlock().createOr(op -> op.patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }

    /** Null when the Deployment does not exist. */
    public Deployment deployment(String tenantId, String containerName, DeploymentSlot slot) {
        return client.apps().deployments().inNamespace(ManifestNames.namespace(tenantId))
                .withName(ManifestNames.deploymentName(tenantId, containerName, slot)).get();
    }

    /**
     * Ready: as many ready replicas as its spec asks (at least {@code minReplicas}), and the controller has
     * seen the current spec.
     */
    public static boolean isReady(Deployment deployment, int minReplicas) {
        if (deployment == null || deployment.getStatus() == null) {
            return false;
        }
        Integer wanted = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        int needed = Math.max(minReplicas, wanted == null ? 0 : wanted);
        Integer ready = deployment.getStatus().getReadyReplicas();
        Long observed = deployment.getStatus().getObservedGeneration();
        Long generation = deployment.getMetadata().getGeneration();
        boolean current = generation == null || observed != null && observed >= generation;
        return current && ready != null && ready >= needed;
    }

    /** Points the Service at {@code slot}, in one merge patch of its selector. */
    public void routeTo(String tenantId, String componentId, String containerName, DeploymentSlot slot) {
        String namespace = ManifestNames.namespace(tenantId);
        Map<String, Object> patch = Map.of("spec", Map.of("selector", ManifestRenderer.selector(tenantId, componentId, slot)));
        var service = client.services().inNamespace(namespace).withName(ManifestNames.serviceName(tenantId, containerName));
        if (service.get() != null) {
            service.patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
        }
    }

    /**
     * Removes what a component's first deployment created for the component as a whole (Service, HPA and
     * its ingress NetworkPolicy), when it failed or was aborted: nothing may point at a deleted
     * Deployment. The namespace and its guard rails stay: they are the tenant's, not the component's.
     */
    public void deleteComponentObjects(String tenantId, String containerName) {
        String namespace = ManifestNames.namespace(tenantId);
        client.services().inNamespace(namespace).withName(ManifestNames.serviceName(tenantId, containerName)).delete();
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                .withName(ManifestNames.hpaName(tenantId, containerName)).delete();
        client.network().v1().networkPolicies().inNamespace(namespace)
                .withName(ManifestNames.ingressPolicy(tenantId, containerName)).delete();
    }

    /**
     * Deletes the tenant's namespace: the cluster deletes everything in it (Deployments, Services, HPAs, quota,
     * policies, service account, Secrets) in the background. Idempotent: a namespace that is gone, or already
     * being deleted, is fine.
     */
    public void deleteNamespace(String tenantId) {
        client.namespaces().withName(ManifestNames.namespace(tenantId)).delete();
    }

    public void deleteDeployment(String tenantId, String containerName, DeploymentSlot slot) {
        client.apps().deployments().inNamespace(ManifestNames.namespace(tenantId))
                .withName(ManifestNames.deploymentName(tenantId, containerName, slot)).delete();
    }
}
