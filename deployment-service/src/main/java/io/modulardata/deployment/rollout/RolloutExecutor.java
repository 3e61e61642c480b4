package io.modulardata.deployment.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.avro.specific.SpecificRecordBase;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modulardata.deployment.cluster.ClusterAccess;
import io.modulardata.deployment.deploy.DeploymentEnvironments;
import io.modulardata.deployment.deploy.DeploymentQueries;
import io.modulardata.deployment.manifest.ManifestNames;
import io.modulardata.deployment.manifest.ManifestRenderer;
import io.modulardata.deployment.registry.Offboarding;
import io.modulardata.deployment.registry.RegistryFacts;
import io.modulardata.events.DeploymentPhase;
import io.modulardata.events.DeploymentSlot;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Drives every unfinished rollout whose lease this instance holds ({@link RolloutLeases}: with replicas,
 * one instance per rollout) one step at a time, on one background thread, then removes offboarded tenants
 * from the cluster ({@link #removeOffboardedTenants}). It keeps no state of
 * its own: each tick reads the rollouts from their events, so a service killed in any phase resumes
 * (or compensates) where it stopped when it starts again. Cluster work happens before the event that
 * records it, and every cluster operation is idempotent, so a repeated step is harmless.
 * Without a configured cluster it does nothing (deployments stay REQUESTED). With nothing to do it looks
 * only every {@code idlePollInterval}, so that a platform at rest costs next to nothing, and {@link #wake()}
 * brings the next tick forward when work arrives.
 */
@ApplicationScoped
public class RolloutExecutor {

    static final String ACTOR = "deployment-service";

    private final KubernetesClient client;
    private final ClusterOperations cluster;
    private final DeploymentQueries queries;
    private final CommandRunner commands;
    private final EventRecorder recorder;
    private final RolloutConfig config;
    private final RegistryFacts facts;
    private final DeploymentEnvironments environments;
    private final StepRetries retries;
    private final RolloutLeases leases;
    private Thread thread;
    private volatile boolean running;
    /** Work arrived since the last tick began, which that tick may have missed; guarded by this. */
    private boolean woken;
    private boolean warnedNoCluster;

    public RolloutExecutor(KubernetesClient client, ClusterOperations cluster, DeploymentQueries queries, CommandRunner commands,
            EventRecorder recorder, RolloutConfig config, RegistryFacts facts, DeploymentEnvironments environments,
            RolloutLeases leases) {
        this.client = client;
        this.cluster = cluster;
        this.queries = queries;
        this.commands = commands;
        this.recorder = recorder;
        this.config = config;
        this.facts = facts;
        this.environments = environments;
        this.leases = leases;
        this.retries = new StepRetries(config.pollInterval(), config.stepRetryMaxBackoff());
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.warn("Rollout executor disabled (modulardata.rollout.enabled=false): rollouts wait");
            return;
        }
        if (config.idlePollInterval().compareTo(config.leaseDuration()) > 0) {
            Log.warnf("modulardata.rollout.idle-poll-interval (%s) is longer than the lease duration (%s): a killed instance's"
                    + " rollouts may wait that long for another instance", config.idlePollInterval(), config.leaseDuration());
        }
        running = true;
        thread = new Thread(this::tickUntilStopped, "rollout-executor");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Brings the next tick forward: a rollout was requested or rolled back, or a tenant offboarded, on this instance.
     * A tick running now may have read the rollouts before that work was committed, so another follows it at once.
     */
    public synchronized void wake() {
        woken = true;
        notifyAll();
    }

    /** Ticks one after another: a poll interval apart while there is work, an idle interval apart while there is none. */
    private void tickUntilStopped() {
        Duration pause = config.pollInterval();
        try {
            while (running) {
                waitForWorkOrTimeout(pause);
                pause = tickSafely() ? config.pollInterval() : config.idlePollInterval();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void waitForWorkOrTimeout(Duration pause) throws InterruptedException {
        long deadline = System.nanoTime() + pause.toNanos();
        for (long left = pause.toNanos(); !woken && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        woken = false;
    }

    /** One tick; whether it left work for the next (a rollout unfinished, a tenant to remove, a failure to retry). */
    private boolean tickSafely() {
        try {
            if (!ClusterAccess.isConfigured(client)) {
                if (!warnedNoCluster) {
                    Log.warn("No Kubernetes cluster configured: rollouts wait until one is (see deployment-service/README.md, 'Pointing it at a real cluster')");
                    warnedNoCluster = true;
                }
                return false;
            }
            List<String> unfinished = await(() -> Panache.withSession(queries::unfinished));
            for (String deploymentId : unfinished) {
                // With replicas every instance sees every rollout: only the lease holder acts on it.
                if (await(() -> leases.hold(deploymentId))) {
                    advanceOrBackOff(deploymentId);
                }
            }
            await(() -> leases.releaseAllBut(unfinished));
            boolean tenantsToRemove = removeOffboardedTenants();
            return !unfinished.isEmpty() || tenantsToRemove;
        } catch (RuntimeException e) {
            Log.errorf(e, "Rollout tick failed; retrying on the next one");
            return true;
        }
    }

    /**
     * Advances one rollout; a failing step is retried with back-off, so it neither blocks the other
     * rollouts of this tick nor hammers the cluster. Once it has failed for {@code stepRetryTimeout}, a
     * rollout not yet serving traffic ends FAILED with the cluster's reason (then compensates).
     */
    void advanceOrBackOff(String deploymentId) {
        withBackOff(deploymentId, () -> advance(deploymentId), (failingFor, e) -> {
            Log.warnf("Deployment %s: step failed for %d s (%s); retrying with back-off", deploymentId, failingFor.toSeconds(),
                    e.getMessage());
            if (failingFor.compareTo(config.stepRetryTimeout()) >= 0) {
                giveUp(deploymentId, failingFor, e);
            }
        });
    }

    /** Runs {@code work} unless {@code key} is backing off; a failure backs it off and is handed on with how long it has been failing. */
    private void withBackOff(String key, Runnable work, BiConsumer<Duration, RuntimeException> failed) {
        Instant now = Instant.now();
        if (!retries.isDue(key, now)) {
            return;
        }
        try {
            work.run();
            retries.succeeded(key);
        } catch (RuntimeException e) {
            failed.accept(retries.failed(key, now), e);
        }
    }

    private void giveUp(String deploymentId, Duration failingFor, RuntimeException cause) {
        try {
            Rollout current = await(() -> Panache.withSession(() -> queries.rollout(deploymentId))).orElseThrow();
            if (!current.canFail()) {
                return; // serving traffic already: only going forward (or a rollback) ends it
            }
            record(deploymentId, r -> List.of(r.fail(stepFailure(r.nextStep().action(), failingFor, cause), context(r))));
            retries.succeeded(deploymentId);
            Log.infof("Deployment %s: FAILED after its step kept failing for %d s", deploymentId, failingFor.toSeconds());
        } catch (RuntimeException e) {
            Log.warnf("Deployment %s: cannot record its failure yet (%s)", deploymentId, e.getMessage());
        }
    }

    /** The reason recorded for a step that kept failing: the cluster's own message, shortened. */
    static String stepFailure(RolloutStep.Action action, Duration failingFor, RuntimeException cause) {
        String message = cause instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null
                ? k.getStatus().getMessage() : String.valueOf(cause.getMessage());
        if (message.length() > 500) {
            message = message.substring(0, 500) + "…";
        }
        return "Step " + action + " kept failing for " + failingFor.toSeconds() + " s; the cluster said: " + message
                + ". Green was removed and the previous version (if any) keeps serving";
    }

    /**
     * Removes each offboarded tenant from the cluster, as its TenantOffboarded left it in known_tenant: once none
     * of its rollouts is unfinished (their lease holders stop them first, in {@link #advance}, so that no step
     * writes into the namespace after it is gone), the namespace is deleted, each live deployment recorded as
     * DeploymentRemoved, and the tenant marked removed. Every part is idempotent: a tenant whose removal failed
     * or was cut short by a crash is tried again on a later tick (with back-off), also by another instance.
     * Returns whether any offboarded tenant was still to be removed.
     */
    boolean removeOffboardedTenants() {
        List<Offboarding> offboardings = await(() -> Panache.withSession(facts::offboardedNotRemoved));
        for (Offboarding offboarding : offboardings) {
            withBackOff("tenant " + offboarding.tenantId(), () -> removeFromCluster(offboarding), (failingFor, e) ->
                    Log.warnf("Offboarded tenant %s: removal from the cluster failed for %d s (%s); retrying with back-off",
                            offboarding.tenantId(), failingFor.toSeconds(), e.getMessage()));
        }
        return !offboardings.isEmpty();
    }

    void removeFromCluster(Offboarding offboarding) {
        String tenant = offboarding.tenantId();
        if (await(() -> Panache.withSession(() -> queries.hasUnfinished(tenant)))) {
            return;
        }
        cluster.deleteNamespace(tenant);
        for (String deploymentId : await(() -> Panache.withSession(() -> queries.liveOf(tenant)))) {
            record(deploymentId, r -> r.remove(ManifestNames.namespace(tenant), context(offboarding)).stream().toList());
        }
        await(() -> Panache.withTransaction(() -> facts.markRemovedFromCluster(tenant)));
        Log.infof("Offboarded tenant %s: namespace %s deleted", tenant, ManifestNames.namespace(tenant));
    }

    /**
     * A rollout of an offboarded tenant stops without touching the cluster (its namespace goes as a whole): one in
     * progress is recorded as DeploymentRemoved, a failed or rolled-back one counts as compensated.
     */
    private void stop(Rollout rollout, Offboarding offboarding) {
        String deploymentId = rollout.deploymentId();
        switch (rollout.nextStep().action()) {
            case COMPENSATE -> await(() -> Panache.withTransaction(() -> queries.markCompensated(deploymentId)));
            case NONE -> {
            }
            default -> {
                record(deploymentId, r -> r.remove(ManifestNames.namespace(r.tenantId()), context(offboarding)).stream().toList());
                Log.infof("Deployment %s: stopped, tenant %s was offboarded", deploymentId, rollout.tenantId());
            }
        }
    }

    /** Performs the next step of one rollout, if it is due; a rollout of an offboarded tenant stops instead. */
    void advance(String deploymentId) {
        Rollout rollout = await(() -> Panache.withSession(() -> queries.rollout(deploymentId))).orElseThrow();
        var offboarding = await(() -> Panache.withSession(() -> facts.offboarding(rollout.tenantId())));
        if (offboarding.isPresent()) {
            stop(rollout, offboarding.get());
            return;
        }
        RolloutStep step = rollout.nextStep();
        String tenant = rollout.tenantId();
        String container = rollout.container().getContainerName();
        DeploymentSlot green = rollout.targetSlot();
        DeploymentSlot blue = Rollout.other(green);
        Instant now = Instant.now();
        try {
            switch (step.action()) {
                case DEPLOY_GREEN -> {
                    var known = await(() -> Panache.withSession(() -> facts.tenant(tenant)));
                    var environment = DeploymentEnvironments.matching(rollout.container().getEnvironmentVariableNames(),
                            await(() -> Panache.withSession(() -> environments.of(deploymentId))));
                    if (known.isEmpty() || environment.isEmpty()) {
                        String reason = known.isEmpty() ? "Tenant '" + tenant + "' is not known to deployment-service"
                                : "The environment variables of this deployment are not stored with it; request it again";
                        record(deploymentId, r -> List.of(r.fail(reason, context(r))));
                        return;
                    }
                    DeploymentSlot serviceSlot = rollout.previousDeploymentId().isPresent() ? blue : green;
                    int replicas = ClusterOperations.greenReplicas(cluster.deployment(tenant, liveContainer(rollout), blue),
                            rollout.container().getMinReplicas(), rollout.container().getMaxReplicas());
                    long generation = cluster.deployGreen(ManifestRenderer.render(known.get(), rollout.componentId(),
                            rollout.container(), environment.get(), green, serviceSlot), replicas);
                    complete(deploymentId, DeploymentPhase.GREEN_DEPLOYED, Map.of("deployment",
                            io.modulardata.deployment.manifest.ManifestNames.deploymentName(tenant, container, green),
                            "generation", String.valueOf(generation)));
                }
                case VALIDATE_GREEN -> {
                    var deployment = cluster.deployment(tenant, container, green);
                    if (ClusterOperations.isReady(deployment, rollout.container().getMinReplicas())) {
                        complete(deploymentId, DeploymentPhase.GREEN_VALIDATED, Map.of("readyReplicas",
                                String.valueOf(deployment.getStatus().getReadyReplicas())));
                    } else if (!now.isBefore(step.notBefore())) {
                        cluster.deleteDeployment(tenant, container, green);
                        record(deploymentId, r -> List.of(r.fail("Green deployment not ready within "
                                + r.validation().getReadinessTimeoutSeconds() + " s; it was removed and the previous version keeps serving",
                                context(r))));
                    }
                }
                case SWITCH_TRAFFIC -> {
                    cluster.routeTo(tenant, rollout.componentId(), container, green);
                    cluster.applyHpa(tenant, container, hpa(rollout.container(), tenant, green));
                    complete(deploymentId, DeploymentPhase.TRAFFIC_SWITCHED, Map.of("service",
                            io.modulardata.deployment.manifest.ManifestNames.serviceName(tenant, container)));
                }
                case CLEAN_UP_BLUE -> {
                    if (!now.isBefore(step.notBefore().plus(config.cleanUpGrace()))) {
                        String previous = liveContainer(rollout);
                        cluster.deleteDeployment(tenant, previous, blue);
                        if (!previous.equals(container)) {
                            // the container was renamed: the old name's Service, HPA and ingress policy go with blue
                            cluster.deleteComponentObjects(tenant, previous);
                        }
                        complete(deploymentId, DeploymentPhase.BLUE_CLEANED_UP, Map.of());
                    }
                }
                case COMPENSATE -> {
                    boolean latest = await(() -> Panache.withSession(() -> queries.isLatest(deploymentId)));
                    if (latest) {
                        if (rollout.servingSlot().isPresent()) {
                            DeploymentSlot serving = rollout.servingSlot().get();
                            String live = liveContainer(rollout);
                            cluster.routeTo(tenant, rollout.componentId(), live, serving);
                            // The restored slot scales by the settings of the rollout that made it live.
                            var previous = await(() -> Panache.withSession(() -> queries.rollout(rollout.previousDeploymentId().orElseThrow())));
                            if (previous.isPresent()) {
                                cluster.applyHpa(tenant, live, hpa(previous.get().container(), tenant, serving));
                            }
                            if (!live.equals(container)) {
                                // a renamed container's new Service, HPA and ingress policy would point at a deleted green
                                cluster.deleteComponentObjects(tenant, container);
                            }
                        }
                        cluster.deleteDeployment(tenant, container, green);
                        if (rollout.servingSlot().isEmpty()) {
                            cluster.deleteComponentObjects(tenant, container);
                        }
                    }
                    await(() -> Panache.withTransaction(() -> queries.markCompensated(deploymentId)));
                }
                case NONE -> {
                }
            }
        } catch (RolloutRefusedException e) {
            // The rollout changed under us (a rollback): the next tick acts on the new state.
            Log.infof("Deployment %s: %s", deploymentId, e.getMessage());
        }
    }

    /**
     * The container name the live version's cluster objects are named by: the previous rollout's (a new
     * version may rename its container), or this rollout's when it is the first.
     */
    private String liveContainer(Rollout rollout) {
        return rollout.previousDeploymentId()
                .flatMap(previousId -> await(() -> Panache.withSession(() -> queries.rollout(previousId))))
                .map(previous -> previous.container().getContainerName())
                .orElse(rollout.container().getContainerName());
    }

    /** The HPA of a rollout's container on {@code slot}, or null when it does not autoscale. */
    private static io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler hpa(io.modulardata.events.ContainerSpec container,
            String tenant, DeploymentSlot slot) {
        return container.getAutoScalingEnabled() ? ManifestRenderer.hpa(tenant, container, slot) : null;
    }

    private void complete(String deploymentId, DeploymentPhase phase, Map<String, String> details) {
        record(deploymentId, rollout -> rollout.complete(phase, details, context(rollout)));
        Log.infof("Deployment %s: %s", deploymentId, phase);
    }

    private void record(String deploymentId, Function<Rollout, List<? extends SpecificRecordBase>> decide) {
        await(() -> commands.inTransaction(() -> queries.rollout(deploymentId).chain(found -> {
            Rollout fresh = found.orElseThrow();
            return recorder.record(Rollout.AGGREGATE_TYPE, fresh.version(), decide.apply(fresh));
        })));
    }

    /** The executor acts for the call that requested the rollout: its steps carry that call's correlation id. */
    private static CommandContext context(Rollout rollout) {
        return context(rollout.correlationId(), "rollout-");
    }

    /** The removal of an offboarded tenant's deployments is caused by the offboarding call. */
    private static CommandContext context(Offboarding offboarding) {
        return context(offboarding.correlationId(), "offboarding-");
    }

    private static CommandContext context(String correlationId, String fallbackPrefix) {
        return new CommandContext(ACTOR, correlationId == null || correlationId.isEmpty()
                ? fallbackPrefix + java.util.UUID.randomUUID() : correlationId);
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
