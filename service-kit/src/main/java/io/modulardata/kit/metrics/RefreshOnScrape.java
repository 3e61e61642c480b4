package io.modulardata.kit.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import io.quarkus.logging.Log;

/**
 * Refreshes gauges that cost a query when they are scraped rather than on a timer: a scrape answers with what the
 * last refresh found and starts the next one, at most one per {@code minInterval}. So a platform nobody scrapes runs
 * none of these queries, one that Prometheus scrapes every 15 s runs one per scrape, and each value is at most one
 * scrape old. The refresh must not block: a scrape never waits for it.
 */
public final class RefreshOnScrape {

    private final String what;
    private final long minIntervalNanos;
    private final Runnable refresh;
    private final AtomicLong nextAllowed = new AtomicLong(System.nanoTime());

    /** {@code refresh} starts an asynchronous refresh of the values; {@code what} names them in the log. */
    public RefreshOnScrape(String what, Duration minInterval, Runnable refresh) {
        this.what = what;
        this.minIntervalNanos = minInterval.toNanos();
        this.refresh = refresh;
    }

    /** A gauge's value function that starts a refresh when due, then reads the value as the last refresh left it. */
    public <T> ToDoubleFunction<T> reading(ToDoubleFunction<T> value) {
        return holder -> {
            scraped();
            return value.applyAsDouble(holder);
        };
    }

    /** Starts a refresh unless one started within the minimum interval. */
    public void scraped() {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if (now - allowed >= 0 && nextAllowed.compareAndSet(allowed, now + minIntervalNanos)) {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                Log.debugf("%s not refreshed: %s", what, e.toString());
            }
        }
    }
}
