package io.modulardata.kubernetes;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessScheduleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ReadinessSchedule schedule = new ReadinessSchedule(Duration.ofSeconds(2));

    @Test
    void aGenerationIsDueOnlyOnceTheDelayHasPassedSinceItWasFirstSeen() {
        assertThat(schedule.isDue("ns/a", 1, T0)).isFalse();
        assertThat(schedule.isDue("ns/a", 1, T0.plusMillis(1999))).isFalse();
        assertThat(schedule.isDue("ns/a", 1, T0.plusSeconds(2))).isTrue();
    }

    @Test
    void aNewGenerationWaitsTheDelayAgain() {
        schedule.isDue("ns/a", 1, T0);
        assertThat(schedule.isDue("ns/a", 2, T0.plusSeconds(5))).isFalse();
        assertThat(schedule.isDue("ns/a", 2, T0.plusSeconds(7))).isTrue();
    }

    @Test
    void aDeletedAndRecreatedDeploymentWaitsTheDelayAgain() {
        schedule.isDue("ns/a", 1, T0);
        schedule.isDue("ns/b", 1, T0);
        schedule.retainOnly(Set.of("ns/b"));
        assertThat(schedule.isDue("ns/a", 1, T0.plusSeconds(10))).isFalse();
        assertThat(schedule.isDue("ns/b", 1, T0.plusSeconds(10))).isTrue();
    }

    @Test
    void zeroDelayIsDueAtOnce() {
        assertThat(new ReadinessSchedule(Duration.ZERO).isDue("ns/a", 1, T0)).isTrue();
    }
}
