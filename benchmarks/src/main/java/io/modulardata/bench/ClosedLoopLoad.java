package io.modulardata.bench;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * Sends {@code count} requests with at most {@code concurrency} in flight: for filling the platform, not for
 * measuring. A request refused because another changed the same aggregate at the same time (409
 * concurrent-modification, which asks the client to retry) is sent again, a few times at most.
 */
final class ClosedLoopLoad {

    private static final int ATTEMPTS = 5;

    private ClosedLoopLoad() {
    }

    static void run(long count, int concurrency, LongFunction<CompletableFuture<HttpResponse<String>>> request)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicReference<String> failure = new AtomicReference<>();
        for (long i = 0; i < count && failure.get() == null; i++) {
            inFlight.acquire();
            withRetries(request, i, ATTEMPTS).whenComplete((response, error) -> {
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

    private static CompletableFuture<HttpResponse<String>> withRetries(LongFunction<CompletableFuture<HttpResponse<String>>> request,
            long i, int attempts) {
        return request.apply(i).thenCompose(response -> attempts > 1 && response.statusCode() == 409
                && response.body().contains("concurrent-modification")
                ? withRetries(request, i, attempts - 1)
                : CompletableFuture.completedFuture(response));
    }
}
