package io.modulardata.deployment.tenancy;

import java.util.Set;

import io.modulardata.events.DataEnvironment;

/** What deployment-service knows of a tenant from registry-events. */
public record TenantFacts(String tenantId, int maxConcurrentJobs, Set<DataEnvironment> allowedDataEnvironments) {
}
