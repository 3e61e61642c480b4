package io.modulardata.console.rollouts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.console.ingest.PlatformEvent;
import io.modulardata.console.ingest.Projection;
import io.modulardata.console.signin.Scope;

/**
 * Rollouts from deployment-events, each with its phase timeline, and which deployment of each tenant's
 * component is live (the last that succeeded, or the one a rollback restored).
 */
@ApplicationScoped
public class RolloutsView implements Projection {

    private final Map<String, State> rollouts = new LinkedHashMap<>();
    /** tenant → component → live deploymentId */
    private final Map<String, Map<String, String>> live = new HashMap<>();

    @Override
    public synchronized void apply(PlatformEvent event) {
        String deploymentId = event.textOr("deploymentId", event.aggregateId());
        if (event.type().equals("DeploymentRequested")) {
            rollouts.putIfAbsent(deploymentId, new State(deploymentId, event));
            return;
        }
        State state = rollouts.get(deploymentId);
        if (state == null) {
            return;
        }
        switch (event.type()) {
            case "DeploymentPhaseCompleted" -> {
                String phase = event.textOr("phase", "");
                state.phases.put(phase, new Rollout.Step(phase, "done", event.occurredAt(),
                        event.textOr("slot", "") + detailText(event.map("details"))));
                if (state.status.equals("REQUESTED")) {
                    state.status = "DEPLOYING";
                }
            }
            case "DeploymentSucceeded" -> {
                state.finish("DEPLOYED", event, "live on " + event.textOr("liveSlot", "?"));
                live.computeIfAbsent(state.tenantId, id -> new HashMap<>()).put(state.componentId, deploymentId);
            }
            case "DeploymentFailed" -> state.finish("FAILED", event, event.textOr("reason", "")
                    + event.text("failedPhase").map(phase -> " (in " + phase + ")").orElse(""));
            case "DeploymentRolledBack" -> {
                state.finish("ROLLED_BACK", event, event.textOr("reason", "") + " by " + event.actor());
                event.text("restoredDeploymentId").ifPresent(restored ->
                        live.computeIfAbsent(state.tenantId, id -> new HashMap<>()).put(state.componentId, restored));
            }
            default -> {
                // Other events do not change a rollout.
            }
        }
    }

    private static String detailText(Map<String, Object> details) {
        if (details.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" ·");
        details.forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        return text.toString();
    }

    /** The scope's rollouts, newest first; {@code tenantId} narrows them to one tenant when not null. */
    public synchronized List<Rollout> list(Scope scope, String tenantId) {
        return rollouts.values().stream()
                .filter(state -> scope.sees(state.tenantId) && (tenantId == null || tenantId.equals(state.tenantId)))
                .sorted(Comparator.comparing((State state) -> state.requestedAt).reversed())
                .map(State::snapshot).toList();
    }

    public synchronized List<Rollout> inProgress(Scope scope) {
        return list(scope, null).stream().filter(Rollout::inProgress).toList();
    }

    public synchronized Optional<Rollout> find(String deploymentId, Scope scope) {
        State state = rollouts.get(deploymentId);
        return state == null || !scope.sees(state.tenantId) ? Optional.empty() : Optional.of(state.snapshot());
    }

    /** What a tenant uses now: components deploying or live, and the storage their live deployments request. */
    public synchronized Usage usage(String tenantId) {
        Map<String, String> liveByComponent = live.getOrDefault(tenantId, Map.of());
        java.util.Set<String> busy = new java.util.TreeSet<>(liveByComponent.keySet());
        rollouts.values().stream().filter(state -> state.tenantId.equals(tenantId) && state.inProgress())
                .forEach(state -> busy.add(state.componentId));
        double storage = liveByComponent.values().stream().map(rollouts::get).filter(java.util.Objects::nonNull)
                .mapToDouble(state -> state.storageGb).sum();
        return new Usage(List.copyOf(busy), storage);
    }

    /** Components deploying or live, and the storage (GB) requested by the live ones. */
    public record Usage(List<String> busyComponents, double storageGb) {
    }

    private static final class State {
        private final String deploymentId;
        private final String tenantId;
        private final String componentId;
        private final String componentVersion;
        private final String componentKey;
        private final String environment;
        private final String containerName;
        private final String image;
        private final String targetSlot;
        private final String previousDeploymentId;
        private final List<String> warnings;
        private final Instant requestedAt;
        private final String requestedBy;
        private final int scaleDownDelaySeconds;
        private final double storageGb;
        private final Map<String, Rollout.Step> phases = new LinkedHashMap<>();
        private String status = "REQUESTED";
        private Instant finishedAt;
        private String outcome = "";

        State(String deploymentId, PlatformEvent event) {
            this.deploymentId = deploymentId;
            Map<String, Object> container = event.map("container");
            tenantId = event.tenantId();
            componentId = event.textOr("componentId", "");
            componentVersion = event.textOr("componentVersion", "");
            componentKey = event.textOr("componentKey", "");
            environment = event.textOr("environment", "");
            containerName = String.valueOf(container.getOrDefault("containerName", ""));
            image = container.getOrDefault("imageName", "") + ":" + container.getOrDefault("imageTag", "");
            targetSlot = event.textOr("targetSlot", "");
            previousDeploymentId = event.text("previousDeploymentId").orElse(null);
            warnings = event.texts("warnings");
            requestedAt = event.occurredAt();
            requestedBy = event.actor();
            scaleDownDelaySeconds = event.map("validation").get("scaleDownDelaySeconds") instanceof Number delay
                    ? delay.intValue() : 0;
            storageGb = container.get("storageGb") instanceof Number storage ? storage.doubleValue() : 0;
        }

        boolean inProgress() {
            return status.equals("REQUESTED") || status.equals("DEPLOYING");
        }

        void finish(String finalStatus, PlatformEvent event, String text) {
            status = finalStatus;
            finishedAt = event.occurredAt();
            outcome = text;
        }

        Rollout snapshot() {
            List<Rollout.Step> steps = new ArrayList<>();
            boolean currentShown = false;
            for (String phase : Rollout.PHASES) {
                Rollout.Step done = phases.get(phase);
                if (done != null) {
                    steps.add(done);
                } else if (inProgress() && !currentShown) {
                    steps.add(new Rollout.Step(phase, "current", null, ""));
                    currentShown = true;
                } else {
                    steps.add(new Rollout.Step(phase, inProgress() ? "pending" : "skipped", null, ""));
                }
            }
            return new Rollout(deploymentId, tenantId, componentId, componentVersion, componentKey, environment,
                    containerName, image, targetSlot, previousDeploymentId, warnings, status, List.copyOf(steps),
                    requestedAt, requestedBy, finishedAt, outcome, scaleDownDelaySeconds, storageGb);
        }
    }
}
