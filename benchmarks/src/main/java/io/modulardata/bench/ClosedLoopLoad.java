package io.modulardata.bench;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/** Sends {@code count} requests with at most {@code concurrency} in flight: for filling the platform, not for measuring. */
final class ClosedLoopLoad {

    private ClosedLoopLoad() {
    }

    static void run(long count, int concurrency, LongFunction<CompletableFuture<HttpResponse<String>>> request)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicReference<String> failure = new AtomicReference<>();
        for (long i = 0; i < count && failure.get() == null; i++) {
            inFlight.acquire();
            request.apply(i).whenComplete((response, error) -> {
                if (error != null || response.statusCode() / 100 != 2) {
                    failure.compareAndSet(null, error != null ? error.toString() : response.statusCode() + " " + response.body());
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        if (failure.get() != null) {
            throw new IllegalStateException("Filling the platform failed: " + failure.get());
        }
    }
}
