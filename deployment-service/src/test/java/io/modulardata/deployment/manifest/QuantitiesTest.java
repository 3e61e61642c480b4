package io.modulardata.deployment.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void memoryRequestAndLimitAreExactDecimals() {
        assertThat(Quantities.gibibytes(4.0).toString()).isEqualTo("4Gi");
        assertThat(Quantities.memoryLimit(4.0).toString()).isEqualTo("4.8Gi");
        assertThat(Quantities.memoryLimit(0.1).toString()).isEqualTo("0.12Gi");
        // 3.3 * 1.2 in binary floating point is 3.9599999999999995
        assertThat(Quantities.memoryLimit(3.3).toString()).isEqualTo("3.96Gi");
        assertThat(Quantities.gibibytes(20.0).toString()).isEqualTo("20Gi");
        assertThat(Quantities.gibibytes(1.5).toString()).isEqualTo("1.5Gi");
    }

    @Test
    void cpuIsInWholeCoresOrMillicores() {
        assertThat(Quantities.cpu(2.0).toString()).isEqualTo("2");
        assertThat(Quantities.cpuLimit(2.0).toString()).isEqualTo("3");
        assertThat(Quantities.cpu(0.5).toString()).isEqualTo("500m");
        assertThat(Quantities.cpuLimit(0.5).toString()).isEqualTo("750m");
        assertThat(Quantities.cpuLimit(1.0).toString()).isEqualTo("1500m");
        assertThat(Quantities.cpu(0.1).toString()).isEqualTo("100m");
        // 0.001 * 1.5 = 1.5m: Kubernetes has no sub-millicore, so the limit rounds up.
        assertThat(Quantities.cpuLimit(0.001).toString()).isEqualTo("2m");
    }

    @Test
    void quantitiesParseBackToTheExactAmount() {
        assertThat(io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(Quantities.memoryLimit(4.0)))
                .isEqualByComparingTo(new java.math.BigDecimal("5153960755.2"));
        assertThat(io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(Quantities.cpuLimit(0.5)))
                .isEqualByComparingTo(new java.math.BigDecimal("0.75"));
    }
}
