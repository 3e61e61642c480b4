package io.modulardata.deployment.tenancy;

import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.deployment.registry.TenantFacts;
import io.modulardata.events.DataProcessingTier;

/**
 * What a tenant's tier allows: the most one container may request (a deploy asking more is refused with
 * 422) and the namespace's ResourceQuota (the sum over every pod of the tenant, both rollout slots
 * included). Amounts in cores and GiB, like a deployment request.
 *
 * <pre>
 * tier          per container: cpu  memory  storage   namespace quota: cpu  memory  ephemeral storage  pods
 * BASIC                        2      8 GB     50 GB                      8     32 GB     200 GB           20
 * PROFESSIONAL                 8     32 GB    200 GB                     64    256 GB    2000 GB          100
 * ENTERPRISE                  32    256 GB   2000 GB                    512   4096 GB   20000 GB          500
 * CUSTOM        ENTERPRISE's, each overridden by a key of customDataProcessingLimits (see {@link #CUSTOM_KEYS})
 * </pre>
 *
 * Per-container maxima never exceed the absolute caps every request has (64 cores, 512 GB, 10,000 GB).
 */
public record TierLimits(
        double maxCpuCores,
        double maxMemoryGb,
        double maxStorageGb,
        double quotaCpuCores,
        double quotaMemoryGb,
        double quotaStorageGb,
        int quotaPods) {

    static final TierLimits BASIC = new TierLimits(2, 8, 50, 8, 32, 200, 20);
    static final TierLimits PROFESSIONAL = new TierLimits(8, 32, 200, 64, 256, 2000, 100);
    static final TierLimits ENTERPRISE = new TierLimits(32, 256, 2000, 512, 4096, 20000, 500);

    /** The absolute caps of a request (DeploymentValidator's 400 limits). */
    static final double CAP_CPU_CORES = 64;
    static final double CAP_MEMORY_GB = 512;
    static final double CAP_STORAGE_GB = 10_000;

    /** customDataProcessingLimits keys a CUSTOM tenant may set, each a positive JSON number. */
    public static final String MAX_CPU_CORES_PER_CONTAINER = "maxCpuCoresPerContainer";
    public static final String MAX_MEMORY_GB_PER_CONTAINER = "maxMemoryGbPerContainer";
    public static final String MAX_STORAGE_GB_PER_CONTAINER = "maxStorageGbPerContainer";
    public static final String QUOTA_CPU_CORES = "quotaCpuCores";
    public static final String QUOTA_MEMORY_GB = "quotaMemoryGb";
    public static final String QUOTA_STORAGE_GB = "quotaStorageGb";
    public static final String QUOTA_PODS = "quotaPods";
    public static final java.util.List<String> CUSTOM_KEYS = java.util.List.of(MAX_CPU_CORES_PER_CONTAINER,
            MAX_MEMORY_GB_PER_CONTAINER, MAX_STORAGE_GB_PER_CONTAINER, QUOTA_CPU_CORES, QUOTA_MEMORY_GB, QUOTA_STORAGE_GB, QUOTA_PODS);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The limits of {@code tier}. For CUSTOM, each key of {@code custom} (JSON text values, as the events
     * carry them) that holds a positive number replaces ENTERPRISE's value; any other value is ignored
     * (registry-service keeps these limits free-form), so a typo never loosens a limit beyond ENTERPRISE's.
     */
    /** The per-container maxima and namespace quota of the tenant's tier (BASIC when its tier is not known). */
    public static TierLimits of(TenantFacts tenant) {
        return of(tenant.tier() == null ? DataProcessingTier.BASIC : tenant.tier(), tenant.customDataProcessingLimits());
    }

    public static TierLimits of(DataProcessingTier tier, Map<String, String> custom) {
        return switch (tier) {
            case BASIC -> BASIC;
            case PROFESSIONAL -> PROFESSIONAL;
            case ENTERPRISE -> ENTERPRISE;
            case CUSTOM -> custom(custom == null ? Map.of() : custom);
        };
    }

    private static TierLimits custom(Map<String, String> custom) {
        Function<String, Double> number = key -> positive(custom.get(key));
        TierLimits base = ENTERPRISE;
        return new TierLimits(
                Math.min(orElse(number.apply(MAX_CPU_CORES_PER_CONTAINER), base.maxCpuCores), CAP_CPU_CORES),
                Math.min(orElse(number.apply(MAX_MEMORY_GB_PER_CONTAINER), base.maxMemoryGb), CAP_MEMORY_GB),
                Math.min(orElse(number.apply(MAX_STORAGE_GB_PER_CONTAINER), base.maxStorageGb), CAP_STORAGE_GB),
                orElse(number.apply(QUOTA_CPU_CORES), base.quotaCpuCores),
                orElse(number.apply(QUOTA_MEMORY_GB), base.quotaMemoryGb),
                orElse(number.apply(QUOTA_STORAGE_GB), base.quotaStorageGb),
                (int) Math.min(orElse(number.apply(QUOTA_PODS), base.quotaPods), Integer.MAX_VALUE));
    }

    private static Double positive(String jsonText) {
        if (jsonText == null) {
            return null;
        }
        try {
            JsonNode value = JSON.readTree(jsonText);
            return value != null && value.isNumber() && value.doubleValue() > 0 && Double.isFinite(value.doubleValue())
                    ? value.doubleValue() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static double orElse(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
