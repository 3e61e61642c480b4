package io.modulardata.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each Deployment generation becomes ready: a fixed delay after the controller first saw it.
 * A new generation (a changed spec) starts the delay again, as a real rollout would.
 */
final class ReadinessSchedule {

    private record Seen(long generation, Instant at) {
    }

    private final Duration delay;
    private final Map<String, Seen> firstSeen = new ConcurrentHashMap<>();

    ReadinessSchedule(Duration delay) {
        this.delay = delay;
    }

    /** Whether the Deployment {@code key} at {@code generation} is due to be marked ready at {@code now}. */
    boolean isDue(String key, long generation, Instant now) {
        Seen seen = firstSeen.compute(key, (k, previous) ->
                previous != null && previous.generation() == generation ? previous : new Seen(generation, now));
        return !now.isBefore(seen.at().plus(delay));
    }

    /** Forgets Deployments that no longer exist, so a re-created one waits the delay again. */
    void retainOnly(Set<String> keys) {
        firstSeen.keySet().retainAll(keys);
    }
}
