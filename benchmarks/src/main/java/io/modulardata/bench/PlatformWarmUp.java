package io.modulardata.bench;

import java.time.Duration;

import io.modulardata.infra.token.Role;

/**
 * Warms a freshly started platform before anything is measured: the first runs after a start were 5 to
 * 10 times slower than later ones (JIT), which made medians of a few runs depend on which came first.
 * Commands at a rate the box sustains exercise the whole path: HTTP, JWT, the transaction, the relay,
 * Kafka and the consumers. On two cores the services' C2 compilers were still busy (0.45 cores in all) a
 * minute into 250 commands/s after a 20 s warm-up, hence the longer default (benchmarks/README.md).
 */
final class PlatformWarmUp {

    /** 400/s no longer leaves the box time to drain: the backlog spilled into the first run. */
    static final int RATE = 250;

    private PlatformWarmUp() {
    }

    static void run(PlatformUnderBench platform, Duration duration) {
        String admin = platform.token(Role.PLATFORM_ADMIN, null);
        try (Api registry = new Api(platform.url("registry-service"))) {
            FixedRateLoad.run(RATE, duration, i -> registry.send("POST", "/components", admin,
                    Bodies.component("warm-" + i, i), null));
            FixedRateLoad.awaitIdle(() -> registry.get("/q/health/live", admin));
        }
    }
}
