package io.modulardata.deployment.cluster;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Readiness of the Kubernetes cluster. Without a configured cluster the service still serves previews
 * and reads, so the check stays UP and says {@code cluster: not configured}; a configured cluster that
 * does not answer is DOWN.
 */
@Readiness
@ApplicationScoped
public class ClusterHealthCheck implements HealthCheck {

    static final String NAME = "Kubernetes cluster";

    private final KubernetesClient client;

    public ClusterHealthCheck(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME);
        if (!ClusterAccess.isConfigured(client)) {
            return response.up().withData("cluster", "not configured").build();
        }
        String server = client.getConfiguration().getMasterUrl();
        try {
            client.namespaces().withName("default").get();
            return response.up().withData("cluster", server).build();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 403) {
                // It answered: reachable, the service account just may not read that namespace.
                return response.up().withData("cluster", server).build();
            }
            return response.down().withData("cluster", server).withData("error", "HTTP " + e.getCode()).build();
        } catch (RuntimeException e) {
            return response.down().withData("cluster", server).withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
