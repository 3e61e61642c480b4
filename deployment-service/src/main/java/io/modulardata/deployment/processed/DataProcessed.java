package io.modulardata.deployment.processed;

/** The answer to a report: what was recorded and the deployment's total so far. */
public record DataProcessed(String deploymentId, double processedGb, double deploymentTotalGb) {
}
