package io.modulardata.deployment.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.deployment.deploy.DeploymentSpec;
import io.modulardata.events.ContainerSpec;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DeploymentFailed;
import io.modulardata.events.DeploymentPhase;
import io.modulardata.events.DeploymentPhaseCompleted;
import io.modulardata.events.DeploymentRemoved;
import io.modulardata.events.DeploymentRequested;
import io.modulardata.events.DeploymentRolledBack;
import io.modulardata.events.DeploymentSlot;
import io.modulardata.events.DeploymentSucceeded;
import io.modulardata.events.ValidationSpec;
import io.modulardata.kit.command.CommandContext;

/**
 * The blue-green rollout of one deployment as a state machine over its events: given the events so far,
 * each command decides the next events or is refused. No I/O; the executor does the cluster work and
 * records what these methods return.
 *
 * <pre>
 * REQUESTED -GREEN_DEPLOYED-> DEPLOYING -GREEN_VALIDATED-> -TRAFFIC_SWITCHED-> -BLUE_CLEANED_UP + Succeeded-> DEPLOYED
 *     \___________ Failed (before the switch) ____________/         \__ RolledBack (previous still kept) __/
 * any status but REMOVED -Removed (its tenant was offboarded)-> REMOVED
 * </pre>
 */
public final class Rollout {

    public static final String AGGREGATE_TYPE = "deployment";

    private static final List<DeploymentPhase> ORDER = List.of(DeploymentPhase.GREEN_DEPLOYED,
            DeploymentPhase.GREEN_VALIDATED, DeploymentPhase.TRAFFIC_SWITCHED, DeploymentPhase.BLUE_CLEANED_UP);

    private String deploymentId;
    private String tenantId;
    private String componentId;
    private String componentVersion;
    private String componentKey;
    private DataEnvironment environment;
    private ContainerSpec container;
    private ValidationSpec validation;
    private DeploymentSlot targetSlot;
    private String previousDeploymentId;
    private String correlationId;
    private List<String> warnings = List.of();
    private DeploymentStatus status;
    private final Map<DeploymentPhase, Instant> completed = new EnumMap<>(DeploymentPhase.class);
    private Instant requestedAt;
    private Instant finishedAt;
    private String failureReason;
    private long version;

    private Rollout() {
    }

    /** Replays a deployment's events, oldest first. */
    public static Rollout replay(List<? extends SpecificRecordBase> events) {
        if (events.isEmpty() || !(events.get(0) instanceof DeploymentRequested)) {
            throw new IllegalArgumentException("A rollout starts with DeploymentRequested");
        }
        Rollout rollout = new Rollout();
        events.forEach(rollout::apply);
        return rollout;
    }

    /**
     * The first event of a rollout. {@code liveSlot} is the slot serving now (empty for a first
     * deployment of the component): green is the other one.
     */
    public static DeploymentRequested request(String tenantId, String deploymentId, DeploymentSpec spec,
            Optional<DeploymentSlot> liveSlot, Optional<String> previousDeploymentId, List<String> warnings, CommandContext context) {
        DeploymentSlot target = liveSlot.map(Rollout::other).orElse(DeploymentSlot.BLUE);
        return context.metadata(tenantId, deploymentId).stamp(payload(new DeploymentRequested(), e -> {
                e.setDeploymentId(deploymentId);
                e.setComponentId(spec.componentId());
                e.setComponentVersion(spec.componentVersion());
                e.setComponentKey(spec.componentKey());
                e.setEnvironment(spec.environment());
                e.setContainer(spec.container());
                e.setValidation(spec.validation());
                e.setTargetSlot(target);
                e.setPreviousDeploymentId(previousDeploymentId.orElse(null));
                e.setWarnings(List.copyOf(warnings));
        }));
    }

    private static <T extends SpecificRecordBase> T payload(T event, java.util.function.Consumer<T> setters) {
        setters.accept(event);
        return event;
    }

    public static DeploymentSlot other(DeploymentSlot slot) {
        return slot == DeploymentSlot.BLUE ? DeploymentSlot.GREEN : DeploymentSlot.BLUE;
    }

    /** The phase that completes next, if the rollout is still going forward. */
    public Optional<DeploymentPhase> nextPhase() {
        if (status.isFinished()) {
            return Optional.empty();
        }
        return ORDER.stream().filter(phase -> !completed.containsKey(phase)).findFirst();
    }

    /** What the executor does next; {@code now} is not needed: deadlines come from the event times. */
    public RolloutStep nextStep() {
        if (status == DeploymentStatus.FAILED || status == DeploymentStatus.ROLLED_BACK) {
            return RolloutStep.of(RolloutStep.Action.COMPENSATE);
        }
        Optional<DeploymentPhase> next = nextPhase();
        if (next.isEmpty()) {
            return RolloutStep.of(RolloutStep.Action.NONE);
        }
        return switch (next.get()) {
            case GREEN_DEPLOYED -> RolloutStep.of(RolloutStep.Action.DEPLOY_GREEN);
            case GREEN_VALIDATED -> new RolloutStep(RolloutStep.Action.VALIDATE_GREEN, readinessDeadline());
            case TRAFFIC_SWITCHED -> RolloutStep.of(RolloutStep.Action.SWITCH_TRAFFIC);
            case BLUE_CLEANED_UP -> new RolloutStep(RolloutStep.Action.CLEAN_UP_BLUE, cleanUpNotBefore());
        };
    }

    /** Readiness is awaited from the moment green was deployed, also across a restart. */
    public Instant readinessDeadline() {
        Instant deployed = completed.get(DeploymentPhase.GREEN_DEPLOYED);
        return deployed == null ? null : deployed.plusSeconds(validation.getReadinessTimeoutSeconds());
    }

    /** Blue is kept (and a rollback possible) until this instant after the traffic switch. */
    public Instant cleanUpNotBefore() {
        Instant switched = completed.get(DeploymentPhase.TRAFFIC_SWITCHED);
        return switched == null ? null : switched.plusSeconds(validation.getScaleDownDelaySeconds());
    }

    /**
     * The events completing {@code phase}; it must be the next one. Completing BLUE_CLEANED_UP also
     * ends the rollout with DeploymentSucceeded.
     */
    public List<SpecificRecordBase> complete(DeploymentPhase phase, Map<String, String> details, CommandContext context) {
        DeploymentPhase expected = nextPhase().orElseThrow(() -> new RolloutRefusedException(
                "Deployment '" + deploymentId + "' is " + status + ": no phase left to complete"));
        if (phase != expected) {
            throw new RolloutRefusedException("Deployment '" + deploymentId + "' completes " + expected + " next, not " + phase);
        }
        DeploymentSlot slot = phase == DeploymentPhase.BLUE_CLEANED_UP ? other(targetSlot) : targetSlot;
        List<SpecificRecordBase> events = new ArrayList<>();
        events.add(context.metadata(tenantId, deploymentId).stamp(payload(new DeploymentPhaseCompleted(), e -> {
                e.setDeploymentId(deploymentId);
                e.setPhase(phase);
                e.setSlot(slot);
                e.setDetails(Map.copyOf(details));
        })));
        if (phase == DeploymentPhase.BLUE_CLEANED_UP) {
            events.add(context.metadata(tenantId, deploymentId).stamp(payload(new DeploymentSucceeded(), e -> {
                    e.setDeploymentId(deploymentId);
                    e.setComponentKey(componentKey);
                    e.setEnvironment(environment);
                    e.setLiveSlot(targetSlot);
            })));
        }
        return events;
    }

    /** Green could not be deployed or validated; allowed only before traffic was switched to it. */
    public DeploymentFailed fail(String reason, CommandContext context) {
        if (status.isFinished()) {
            throw new RolloutRefusedException("Deployment '" + deploymentId + "' is already " + status);
        }
        if (completed.containsKey(DeploymentPhase.TRAFFIC_SWITCHED)) {
            throw new RolloutRefusedException("Deployment '" + deploymentId + "' already serves traffic: roll it back instead");
        }
        return context.metadata(tenantId, deploymentId).stamp(payload(new DeploymentFailed(), e -> {
                e.setDeploymentId(deploymentId);
                e.setFailedPhase(nextPhase().orElse(null));
                e.setReason(reason);
        }));
    }

    /**
     * A first deployment in progress, stopped on request: it ends FAILED (the reason says it was aborted)
     * and is compensated as a failed first deployment is, leaving nothing of the component in the cluster.
     * Also once its Service selects it: until DEPLOYED a first deployment may still be given up.
     */
    DeploymentFailed abort(String reason, CommandContext context) {
        return context.metadata(tenantId, deploymentId).stamp(payload(new DeploymentFailed(), e -> {
                e.setDeploymentId(deploymentId);
                e.setFailedPhase(nextPhase().orElse(null));
                e.setReason("Aborted: " + reason);
        }));
    }

    /** Whether {@link #fail} would be accepted: unfinished and not yet serving traffic. */
    public boolean canFail() {
        return !status.isFinished() && !completed.containsKey(DeploymentPhase.TRAFFIC_SWITCHED);
    }

    /**
     * Back to the previous deployment, while it is still kept: before blue is cleaned up and, once
     * traffic was switched, within the scale-down delay ({@code now} before {@link #cleanUpNotBefore()}).
     * A first deployment has nothing to go back to: until it is DEPLOYED it is aborted instead
     * ({@link #abort}), which removes everything it created.
     */
    public SpecificRecordBase rollBack(String reason, Instant now, CommandContext context) {
        if (previousDeploymentId == null && !status.isFinished()) {
            return abort(reason, context);
        }
        if (status.isFinished()) {
            throw new RolloutRefusedException(status == DeploymentStatus.DEPLOYED
                    ? "Deployment '" + deploymentId + "' finished and the previous version is no longer kept"
                    : "Deployment '" + deploymentId + "' is already " + status);
        }
        if (previousDeploymentId == null) {
            throw new RolloutRefusedException("Deployment '" + deploymentId + "' is the first of its component: nothing to roll back to");
        }
        Instant keptUntil = cleanUpNotBefore();
        if (keptUntil != null && !now.isBefore(keptUntil)) {
            throw new RolloutRefusedException("Deployment '" + deploymentId + "': the previous version was kept until "
                    + keptUntil + " and is being removed");
        }
        return context.metadata(tenantId, deploymentId).stamp(payload(new DeploymentRolledBack(), e -> {
                e.setDeploymentId(deploymentId);
                e.setRestoredSlot(other(targetSlot));
                e.setRestoredDeploymentId(previousDeploymentId);
                e.setReason(reason);
        }));
    }

    /**
     * Its tenant was offboarded: the rollout stops where it is (nothing is compensated: the tenant namespace
     * goes as a whole) and a live deployment serves no more. Empty when it was removed already.
     */
    public Optional<DeploymentRemoved> remove(String namespace, CommandContext context) {
        if (status == DeploymentStatus.REMOVED) {
            return Optional.empty();
        }
        return Optional.of(context.metadata(tenantId, deploymentId).stamp(payload(new DeploymentRemoved(), e -> {
                e.setDeploymentId(deploymentId);
                e.setNamespace(namespace);
                e.setReason("Tenant '" + tenantId + "' was offboarded: namespace " + namespace + " was deleted");
        })));
    }

    /** Applies the rollout's next event: its events come in order, so their count is the version. */
    void apply(SpecificRecordBase event) {
        version++;
        if (event instanceof DeploymentRequested requested) {
            deploymentId = requested.getDeploymentId();
            tenantId = requested.getTenantId();
            componentId = requested.getComponentId();
            componentVersion = requested.getComponentVersion();
            componentKey = requested.getComponentKey();
            environment = requested.getEnvironment();
            container = requested.getContainer();
            validation = requested.getValidation();
            targetSlot = requested.getTargetSlot();
            previousDeploymentId = requested.getPreviousDeploymentId();
            correlationId = requested.getCorrelationId();
            warnings = List.copyOf(requested.getWarnings());
            status = DeploymentStatus.REQUESTED;
            requestedAt = requested.getOccurredAt();
        } else if (event instanceof DeploymentPhaseCompleted phase) {
            completed.put(phase.getPhase(), phase.getOccurredAt());
            status = DeploymentStatus.DEPLOYING;
        } else if (event instanceof DeploymentSucceeded succeeded) {
            status = DeploymentStatus.DEPLOYED;
            finishedAt = succeeded.getOccurredAt();
        } else if (event instanceof DeploymentFailed failed) {
            status = DeploymentStatus.FAILED;
            failureReason = failed.getReason();
            finishedAt = failed.getOccurredAt();
        } else if (event instanceof DeploymentRolledBack rolledBack) {
            status = DeploymentStatus.ROLLED_BACK;
            failureReason = rolledBack.getReason();
            finishedAt = rolledBack.getOccurredAt();
        } else if (event instanceof DeploymentRemoved removed) {
            status = DeploymentStatus.REMOVED;
            failureReason = removed.getReason();
            finishedAt = finishedAt == null ? removed.getOccurredAt() : finishedAt;
        } else {
            throw new IllegalArgumentException("Not a deployment event: " + event.getSchema().getFullName());
        }
    }

    /** The slot serving traffic for this component according to this rollout, if any. */
    public Optional<DeploymentSlot> servingSlot() {
        if (status == DeploymentStatus.REMOVED) {
            return Optional.empty(); // nothing of the tenant is left in the cluster
        }
        if (status == DeploymentStatus.FAILED && previousDeploymentId == null) {
            return Optional.empty(); // a failed or aborted first deployment serves nothing, also if its Service selected it
        }
        if (status == DeploymentStatus.ROLLED_BACK) {
            return Optional.of(other(targetSlot));
        }
        if (completed.containsKey(DeploymentPhase.TRAFFIC_SWITCHED)) {
            return Optional.of(targetSlot);
        }
        return previousDeploymentId == null ? Optional.empty() : Optional.of(other(targetSlot));
    }

    public Duration age(Instant now) {
        return Duration.between(requestedAt, now);
    }

    public String deploymentId() {
        return deploymentId;
    }

    public String tenantId() {
        return tenantId;
    }

    public String componentId() {
        return componentId;
    }

    public String componentVersion() {
        return componentVersion;
    }

    public String componentKey() {
        return componentKey;
    }

    public DataEnvironment environment() {
        return environment;
    }

    public ContainerSpec container() {
        return container;
    }

    public ValidationSpec validation() {
        return validation;
    }

    public DeploymentSlot targetSlot() {
        return targetSlot;
    }

    /**
     * The correlation id of the call that requested the rollout: the steps the executor records later are
     * caused by that call, so they carry it too (a search by correlation id finds the whole rollout).
     */
    public String correlationId() {
        return correlationId;
    }

    public Optional<String> previousDeploymentId() {
        return Optional.ofNullable(previousDeploymentId);
    }

    public List<String> warnings() {
        return warnings;
    }

    public DeploymentStatus status() {
        return status;
    }

    public Map<DeploymentPhase, Instant> completedPhases() {
        return Map.copyOf(completed);
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    public Optional<String> failureReason() {
        return Optional.ofNullable(failureReason);
    }

    public long version() {
        return version;
    }
}
