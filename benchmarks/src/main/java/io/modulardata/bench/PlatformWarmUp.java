package io.modulardata.bench;

import java.time.Duration;

import io.modulardata.infra.token.Role;

/**
 * Warms a freshly started platform before anything is measured: the first runs after a start were 5 to
 * 10 times slower than later ones (JIT), which made medians of a few runs depend on which came first.
 * Commands at a rate the box sustains exercise the whole path: HTTP, JWT, the transaction, the relay,
 * Kafka and the consumers.
 */
final class PlatformWarmUp {

    static final int RATE = 400;
    static final Duration DURATION = Duration.ofSeconds(20);

    private PlatformWarmUp() {
    }

    static void run(PlatformUnderBench platform) {
        String admin = platform.token(Role.PLATFORM_ADMIN, null);
        try (Api registry = new Api(platform.url("registry-service"))) {
            FixedRateLoad.run(RATE, DURATION, i -> registry.send("POST", "/components", admin,
                    Bodies.component("warm-" + i, i), null));
            FixedRateLoad.awaitIdle(() -> registry.get("/q/health/live", admin));
        }
    }
}
