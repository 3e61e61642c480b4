package io.modulardata.deployment.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A deployment as the API shows it. */
public record DeploymentView(
        String deploymentId,
        String tenantId,
        String componentId,
        String componentVersion,
        String componentKey,
        String environment,
        String containerName,
        String targetSlot,
        String previousDeploymentId,
        String status,
        boolean live,
        List<String> warnings,
        String error,
        Instant requestedAt,
        Instant updatedAt,
        Instant finishedAt,
        List<PhaseView> phases,
        Map<String, String> links) {

    public record PhaseView(String phase, String slot, Instant completedAt) {
    }
}
