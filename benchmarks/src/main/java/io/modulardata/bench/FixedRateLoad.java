package io.modulardata.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load: request {@code i} is due at {@code start + i / rate} whether or not earlier ones
 * answered, and its latency counts from that due time. A slow server therefore shows up as latency,
 * not as a lower request rate (no coordinated omission).
 *
 * <p>At most {@link #MAX_IN_FLIGHT} requests are outstanding: an overloaded server would otherwise
 * collect thousands of connections and keep working through them long after the run. A request due
 * while the limit is reached is not sent and counts as failed.
 */
final class FixedRateLoad {

    static final int MAX_IN_FLIGHT = 512;
    private static final Duration IDLE_LATENCY = Duration.ofMillis(20);
    private static final Duration IDLE_WAIT = Duration.ofMinutes(3);

    /** What one run measured. */
    record Outcome(Histogram latencies, long sent, long failed, double achievedRate, String firstFailure) {
    }

    private FixedRateLoad() {
    }

    /** Sends {@code request.apply(i)} at {@code rate} per second for {@code duration}; waits for every answer. */
    static Outcome run(int rate, Duration duration, LongFunction<CompletableFuture<HttpResponse<String>>> request) {
        Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long total = rate * duration.toSeconds();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        CompletableFuture<?>[] answers = new CompletableFuture<?>[(int) total];
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                failed.incrementAndGet();
                if (failures.isEmpty()) {
                    failures.add("not sent: " + MAX_IN_FLIGHT + " requests outstanding (server overloaded)");
                }
                answers[(int) i] = CompletableFuture.completedFuture(null);
                continue;
            }
            answers[(int) i] = request.apply(i).whenComplete((response, error) -> {
                inFlight.release();
                recorder.recordValue(Math.max(0, System.nanoTime() - due));
                if (error != null || response.statusCode() / 100 != 2) {
                    failed.incrementAndGet();
                    if (failures.isEmpty()) {
                        failures.add(error != null ? error.toString() : response.statusCode() + " " + response.body());
                    }
                }
            });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(answers).exceptionally(error -> null).join();
        return new Outcome(recorder.getIntervalHistogram(), total, failed.get(), total / sendSeconds, failures.peek());
    }

    /**
     * Waits until the server answers {@code probe} within 20 ms five times in a row, so one run's
     * backlog (an overloaded rate still being worked off) does not spill into the next run.
     */
    static void awaitIdle(Supplier<CompletableFuture<HttpResponse<String>>> probe) {
        long deadline = System.nanoTime() + IDLE_WAIT.toNanos();
        int quick = 0;
        while (quick < 5 && System.nanoTime() < deadline) {
            long started = System.nanoTime();
            boolean ok = probe.get().handle((response, error) -> error == null && response.statusCode() / 100 == 2).join();
            quick = ok && System.nanoTime() - started < IDLE_LATENCY.toNanos() ? quick + 1 : 0;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
