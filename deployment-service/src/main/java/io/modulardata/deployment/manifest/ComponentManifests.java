package io.modulardata.deployment.manifest;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * The objects one slot of a tenant's component needs: the namespace with its guard rails (quota, limit
 * range, network policies), then the component's own objects; {@code hpa} is null when autoscaling is off.
 */
public record ComponentManifests(
        Namespace namespace,
        ResourceQuota resourceQuota,
        LimitRange limitRange,
        List<NetworkPolicy> networkPolicies,
        ServiceAccount serviceAccount,
        Deployment deployment,
        Service service,
        HorizontalPodAutoscaler hpa) {

    /** In the order they are applied: the guard rails before anything that runs. */
    public List<HasMetadata> all() {
        List<HasMetadata> all = new ArrayList<>(List.of(namespace, resourceQuota, limitRange));
        all.addAll(networkPolicies);
        all.addAll(List.of(serviceAccount, deployment, service));
        if (hpa != null) {
            all.add(hpa);
        }
        return all;
    }
}
