package io.modulardata.deployment.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class StepRetriesTest {

    private final StepRetries retries = new StepRetries(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        assertThat(retries.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retries.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retries.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(retries.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retries.delay(60)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aFailedStepIsDueAgainOnlyAfterItsBackOffAndCountsFromItsFirstFailure() {
        assertThat(retries.isDue("d", t0)).isTrue();
        assertThat(retries.failed("d", t0)).isZero();
        assertThat(retries.isDue("d", t0.plusMillis(999))).isFalse();
        assertThat(retries.isDue("d", t0.plusSeconds(1))).isTrue();
        assertThat(retries.failed("d", t0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(retries.isDue("d", t0.plusSeconds(2))).isFalse();
        assertThat(retries.isDue("other", t0.plusSeconds(2))).isTrue();
        retries.succeeded("d");
        assertThat(retries.isDue("d", t0.plusSeconds(2))).isTrue();
        assertThat(retries.failed("d", t0.plusSeconds(5))).isZero();
    }
}
