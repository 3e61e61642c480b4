package io.modulardata.deployment.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failing steps of the rollouts one executor drives: when each may be tried again (exponential
 * back-off from the poll interval up to a maximum) and since when it has been failing. Kept in memory
 * only: after a restart a failing step is tried at once and its time bound starts again.
 */
final class StepRetries {

    private record Failing(Instant since, int attempts, Instant retryAt) {
    }

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    StepRetries(Duration firstDelay, Duration maxDelay) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /** Whether the rollout's step may run now (it never failed, or its back-off is over). */
    boolean isDue(String deploymentId, Instant now) {
        Failing f = failing.get(deploymentId);
        return f == null || !now.isBefore(f.retryAt());
    }

    /** Records a failed attempt; returns how long the step has been failing. */
    Duration failed(String deploymentId, Instant now) {
        Failing f = failing.compute(deploymentId, (id, before) -> {
            int attempts = before == null ? 1 : before.attempts() + 1;
            return new Failing(before == null ? now : before.since(), attempts, now.plus(delay(attempts)));
        });
        return Duration.between(f.since(), now);
    }

    /** The step succeeded (or the rollout moved on): no back-off any more. */
    void succeeded(String deploymentId) {
        failing.remove(deploymentId);
    }

    /** The wait before attempt {@code attempts + 1}: firstDelay doubled per failed attempt, at most maxDelay. */
    Duration delay(int attempts) {
        Duration delay = firstDelay;
        for (int i = 1; i < attempts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
