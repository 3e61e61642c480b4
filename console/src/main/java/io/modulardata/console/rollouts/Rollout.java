package io.modulardata.console.rollouts;

import java.time.Instant;
import java.util.List;

/**
 * One blue-green rollout as deployment-events tell it. {@code status} follows deployment-service:
 * REQUESTED, DEPLOYING (green deployed), then DEPLOYED, FAILED or ROLLED_BACK.
 */
public record Rollout(
        String deploymentId,
        String tenantId,
        String componentId,
        String componentVersion,
        String componentKey,
        String environment,
        String containerName,
        String image,
        String targetSlot,
        String previousDeploymentId,
        List<String> warnings,
        String status,
        List<Step> steps,
        Instant requestedAt,
        String requestedBy,
        Instant finishedAt,
        String outcome,
        int scaleDownDelaySeconds,
        double storageGb) {

    public static final List<String> PHASES = List.of("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP");

    /** One step of the timeline: done (with its time), current, pending, or skipped because the rollout ended. */
    public record Step(String name, String state, Instant at, String detail) {
    }

    public boolean inProgress() {
        return "REQUESTED".equals(status) || "DEPLOYING".equals(status);
    }

    public boolean trafficSwitched() {
        return steps.stream().anyMatch(step -> step.name().equals("TRAFFIC_SWITCHED") && step.state().equals("done"));
    }

    /** Until when the previous version is kept (and a rollback possible) once traffic is on green. */
    public Instant previousKeptUntil() {
        return steps.stream().filter(step -> step.name().equals("TRAFFIC_SWITCHED") && step.at() != null).findFirst()
                .map(step -> step.at().plusSeconds(scaleDownDelaySeconds)).orElse(null);
    }

    /** Roll back (or, before the traffic switch, abort) makes sense only while the previous version is kept. */
    public boolean canRollBack() {
        return inProgress() && previousDeploymentId != null;
    }
}
