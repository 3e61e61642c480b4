package io.modulardata.deployment.metrics;

import java.time.Instant;

/**
 * A tenant's data-processing figures, from its deployments: components with a rollout in progress or a
 * live deployment, rollouts that succeeded or failed, the hours deployments have been serving traffic
 * (from their traffic switch until replaced, rolled back, or now), the gigabytes their components reported
 * processing (the original platform's data_processed_gb), and the last change.
 */
public record TenantMetrics(String tenantId, long activeJobs, long jobsCompleted, long jobsFailed, double totalProcessingHours,
        double dataProcessedGb, Instant lastActivity) {
}
