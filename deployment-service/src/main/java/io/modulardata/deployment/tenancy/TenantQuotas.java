package io.modulardata.deployment.tenancy;

import java.math.BigDecimal;

import io.modulardata.deployment.registry.TenantFacts;


/**
 * The tenant's quotas a deploy must fit in, checked after {@link DeployRules} on what the tenant uses now:
 * <ol>
 * <li>{@code dataStorageQuotaGb}: the storageGb of its live and in-progress deployments plus the request's
 * may not exceed it: 422 on {@code container.storageGb};</li>
 * <li>{@code maxMonthlyProcessingHours}: once its deployments served traffic that many hours this calendar
 * month, new deployments are refused with 422 (running ones are untouched).</li>
 * </ol>
 * A null limit is unlimited.
 */
public final class TenantQuotas {

    private TenantQuotas() {
    }

    public static void check(TenantFacts tenant, TenantUsage usage, double requestedStorageGb) {
        Integer storageQuota = tenant.dataStorageQuotaGb();
        if (storageQuota != null && usage.storageGb() + requestedStorageGb > storageQuota) {
            throw new DeployRefusedException(new DeployRefusal(422, "storage-quota-exceeded", "container.storageGb",
                    "Tenant '" + tenant.tenantId() + "' has a dataStorageQuotaGb of " + storageQuota + " GB and uses "
                            + amount(usage.storageGb()) + " GB; this deployment requests " + amount(requestedStorageGb) + " GB more"));
        }
        Integer hoursLimit = tenant.maxMonthlyProcessingHours();
        if (hoursLimit != null && usage.processingHoursThisMonth() >= hoursLimit) {
            throw new DeployRefusedException(new DeployRefusal(422, "processing-hours-exhausted", null,
                    "Tenant '" + tenant.tenantId() + "' has used " + amount(usage.processingHoursThisMonth())
                            + " of its maxMonthlyProcessingHours of " + hoursLimit + " this month; running deployments are untouched"));
        }
    }

    /** An amount without binary noise (20.1, not 20.100000000000001). */
    private static String amount(double value) {
        return BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
