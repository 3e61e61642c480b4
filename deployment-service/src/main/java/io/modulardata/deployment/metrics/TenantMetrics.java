package io.modulardata.deployment.metrics;

import java.time.Instant;

/**
 * A tenant's data-processing figures, from its deployments: components with a rollout in progress or a
 * live deployment, rollouts that succeeded or failed, the hours deployments have been serving traffic
 * (from their traffic switch until replaced, rolled back, or now), and the last change.
 */
public record TenantMetrics(String tenantId, long activeJobs, long jobsCompleted, long jobsFailed, double totalProcessingHours,
        Instant lastActivity) {
}
