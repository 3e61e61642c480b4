package io.modulardata.deployment.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether the kubernetes-client extension found a cluster to talk to. The extension resolves
 * {@code quarkus.kubernetes-client.api-server-url}, then KUBECONFIG / ~/.kube/config, then the in-cluster
 * service account; with none of them it falls back to {@code https://kubernetes.default.svc}, which
 * cannot answer outside a cluster. The client itself connects lazily, so the service starts anyway.
 */
public final class ClusterAccess {

    static final Path IN_CLUSTER_TOKEN = Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH);
    private static final String IN_CLUSTER_HOST = "kubernetes.default.svc";

    private ClusterAccess() {
    }

    public static boolean isConfigured(KubernetesClient client) {
        return isConfigured(client.getConfiguration().getMasterUrl(), Files.exists(IN_CLUSTER_TOKEN));
    }

    static boolean isConfigured(String masterUrl, boolean inCluster) {
        if (masterUrl == null || masterUrl.isBlank()) {
            return false;
        }
        return inCluster || !masterUrl.contains(IN_CLUSTER_HOST);
    }
}
