package io.modulardata.deployment.manifest;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/** The objects one slot of a tenant's component needs; {@code hpa} is null when autoscaling is off. */
public record ComponentManifests(
        Namespace namespace,
        ServiceAccount serviceAccount,
        Deployment deployment,
        Service service,
        HorizontalPodAutoscaler hpa) {

    /** In the order they are applied. */
    public List<HasMetadata> all() {
        List<HasMetadata> all = new ArrayList<>(List.of(namespace, serviceAccount, deployment, service));
        if (hpa != null) {
            all.add(hpa);
        }
        return all;
    }
}
