package io.modulardata.console.overview;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A figure that costs calls (health probes, Kafka admin requests, metrics) computed at most once per
 * {@code ttl}, however many pages poll it.
 */
final class Cached<T> {

    private final Duration ttl;
    private final Supplier<T> compute;
    private T value;
    private long computedAt;

    Cached(Duration ttl, Supplier<T> compute) {
        this.ttl = ttl;
        this.compute = compute;
    }

    synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - computedAt > ttl.toNanos()) {
            value = compute.get();
            computedAt = now;
        }
        return value;
    }
}
