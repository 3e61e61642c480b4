package io.modulardata.console.tenants;

import java.util.List;
import java.util.Locale;

import io.modulardata.console.rollouts.RolloutsView;

/**
 * A tenant's limits beside what it uses now, as the console counts it from deployment-events: components
 * deploying or live against maxConcurrentJobs (the rule deployment-service applies), and the storage the
 * live deployments request against the storage quota.
 */
public record Quotas(int jobsInUse, int maxConcurrentJobs, int jobsPercent, List<String> busyComponents,
        String storageInUseGb, Integer storageQuotaGb, int storagePercent) {

    static Quotas of(Tenant tenant, RolloutsView.Usage usage) {
        int jobs = usage.busyComponents().size();
        Integer quota = tenant.storageQuotaGb();
        return new Quotas(jobs, tenant.maxConcurrentJobs(), percent(jobs, tenant.maxConcurrentJobs()),
                usage.busyComponents(), String.format(Locale.ROOT, "%.1f", usage.storageGb()), quota,
                quota == null ? 0 : percent(usage.storageGb(), quota));
    }

    private static int percent(double used, double limit) {
        return limit <= 0 ? 0 : (int) Math.min(100, Math.round(used * 100 / limit));
    }
}
