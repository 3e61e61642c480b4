package io.modulardata.deployment.tenancy;

/**
 * What a tenant uses of its quotas now: the storageGb its live and in-progress deployments requested, and
 * the hours its deployments served traffic in the current calendar month (UTC).
 */
public record TenantUsage(double storageGb, double processingHoursThisMonth) {
}
