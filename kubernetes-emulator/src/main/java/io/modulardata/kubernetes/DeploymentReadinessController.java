package io.modulardata.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays the part of the Deployment controller the mock API server lacks: once a Deployment
 * generation has existed for the ready delay, its status says every replica is ready, available
 * and the generation observed. A Deployment running a {@link NeverReadyImage} never gets there, so
 * the failure path of a rollout can be tried. Polls the API, which survives server hiccups better than
 * a watch.
 */
public final class DeploymentReadinessController implements AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Logger LOG = Logger.getLogger(DeploymentReadinessController.class.getName());

    private final KubernetesClient client;
    private final ReadinessSchedule schedule;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "deployment-readiness"));

    public DeploymentReadinessController(KubernetesClient client, Duration readyDelay) {
        this.client = client;
        this.schedule = new ReadinessSchedule(readyDelay);
    }

    public DeploymentReadinessController start() {
        thread.scheduleWithFixedDelay(this::reconcileQuietly, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    void reconcile() {
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
        // Taken after the list: a Deployment created while it ran must not count as seen earlier.
        Instant now = Instant.now();
        Set<String> existing = new HashSet<>();
        for (Deployment deployment : deployments) {
            String key = deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
            existing.add(key);
            long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 1L);
            DeploymentStatus ready = readyStatus(deployment, generation);
            if (!reportsReady(deployment.getStatus(), ready) && !NeverReadyImage.runsIn(deployment)
                    && schedule.isDue(key, generation, now)) {
                markReady(deployment, ready);
            }
        }
        schedule.retainOnly(existing);
    }

    private static DeploymentStatus readyStatus(Deployment deployment, long generation) {
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        return new DeploymentStatusBuilder()
                .withObservedGeneration(generation)
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .build();
    }

    private static boolean reportsReady(DeploymentStatus current, DeploymentStatus ready) {
        return current != null
                && Objects.equals(current.getObservedGeneration(), ready.getObservedGeneration())
                && Objects.equals(current.getReplicas(), ready.getReplicas())
                && Objects.equals(current.getReadyReplicas(), ready.getReadyReplicas())
                && Objects.equals(current.getAvailableReplicas(), ready.getAvailableReplicas());
    }

    private void markReady(Deployment deployment, DeploymentStatus ready) {
        client.apps().deployments()
                .inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName())
                .editStatus(current -> {
                    current.setStatus(ready);
                    return current;
                });
        LOG.info(() -> "Deployment " + deployment.getMetadata().getNamespace() + "/"
                + deployment.getMetadata().getName() + " generation " + ready.getObservedGeneration()
                + " marked ready (" + ready.getReadyReplicas() + " replicas)");
    }

    /** One failed round (a conflict with a concurrent update, a deleted object) is retried on the next. */
    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "reconcile failed, retrying", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
