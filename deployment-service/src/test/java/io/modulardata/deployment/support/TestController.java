package io.modulardata.deployment.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.logging.Log;

/**
 * Plays the Deployment controller the mock API server does not have: marks Deployments ready (all
 * replicas ready, current generation observed), or holds one not ready until the test lets it go.
 */
public final class TestController implements AutoCloseable {

    public enum Mode { READY, NEVER }

    private final KubernetesClient client;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-controller"));

    public TestController(KubernetesClient client) {
        this.client = client;
        thread.scheduleWithFixedDelay(this::reconcile, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Deployments named so are never ready (until {@link #ready}). Others are ready at once. */
    public void neverReady(String deploymentName) {
        modes.put(deploymentName, Mode.NEVER);
    }

    /** Back to the default: ready at once. */
    public void ready(String deploymentName) {
        modes.remove(deploymentName);
    }

    private void reconcile() {
        try {
            for (var d : client.apps().deployments().inAnyNamespace().list().getItems()) {
                String name = d.getMetadata().getName();
                if (modes.get(name) == Mode.NEVER) {
                    continue;
                }
                int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                Long generation = d.getMetadata().getGeneration();
                if (d.getStatus() != null && d.getStatus().getReadyReplicas() != null && d.getStatus().getReadyReplicas() == replicas) {
                    continue;
                }
                client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(name).editStatus(current -> {
                    current.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                            .withAvailableReplicas(replicas).withObservedGeneration(generation).build());
                    return current;
                });
            }
        } catch (RuntimeException e) {
            Log.debugf("test controller: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
