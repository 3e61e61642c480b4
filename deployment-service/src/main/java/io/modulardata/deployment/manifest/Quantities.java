package io.modulardata.deployment.manifest;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Kubernetes quantities computed in decimal, never in binary floating point: 4.0 GB × 1.2 is
 * {@code 4.8Gi}, not {@code 4.800000000000001Gi}. CPU is expressed in whole cores when it is one,
 * otherwise in millicores (rounded up: Kubernetes has no finer CPU unit).
 */
public final class Quantities {

    public static final BigDecimal CPU_LIMIT_FACTOR = new BigDecimal("1.5");
    public static final BigDecimal MEMORY_LIMIT_FACTOR = new BigDecimal("1.2");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Quantities() {
    }

    public static Quantity cpu(double cores) {
        return cpu(BigDecimal.valueOf(cores));
    }

    public static Quantity cpuLimit(double cores) {
        return cpu(BigDecimal.valueOf(cores).multiply(CPU_LIMIT_FACTOR));
    }

    /** Gigabytes as the platform has always meant them: GiB. */
    public static Quantity gibibytes(double gigabytes) {
        return gibibytes(BigDecimal.valueOf(gigabytes));
    }

    public static Quantity memoryLimit(double gigabytes) {
        return gibibytes(BigDecimal.valueOf(gigabytes).multiply(MEMORY_LIMIT_FACTOR));
    }

    static Quantity cpu(BigDecimal cores) {
        BigDecimal millis = cores.multiply(THOUSAND).setScale(0, RoundingMode.CEILING);
        if (millis.remainder(THOUSAND).signum() == 0) {
            return new Quantity(millis.divide(THOUSAND).toPlainString());
        }
        return new Quantity(millis.toPlainString(), "m");
    }

    static Quantity gibibytes(BigDecimal gigabytes) {
        return new Quantity(gigabytes.stripTrailingZeros().toPlainString(), "Gi");
    }
}
