package io.modulardata.bench;

import java.nio.file.Path;
import java.util.Map;

import io.modulardata.infra.bench.Results;
import io.modulardata.infra.token.Role;

/**
 * Per-service start time (launch to ready, as {@code infra/platform up} measures it) and resident
 * memory after a warm-up of {@link #WARM_UP_REQUESTS} requests, over several fresh platform starts.
 */
final class StartupBenchmark {

    private static final String NAME = "service start";
    private static final int WARM_UP_REQUESTS = 500;

    private final Path repoRoot;
    private final Results results;

    StartupBenchmark(Path repoRoot, Results results) {
        this.repoRoot = repoRoot;
        this.results = results;
    }

    void run(int runs) throws Exception {
        for (int run = 1; run <= runs; run++) {
            try (PlatformUnderBench platform = PlatformUnderBench.start(repoRoot)) {
                Map<String, Double> seconds = platform.startSeconds();
                String admin = platform.token(Role.PLATFORM_ADMIN, null);
                for (String service : PlatformUnderBench.SERVICES) {
                    results.figure(NAME, service + " ready after", "s", 3.0, true).add(seconds.getOrDefault(service, Double.NaN));
                    warmUp(platform, service, admin);
                    results.figure(NAME, service + " RSS after warm-up", "MB", 200.0, true).add(platform.rssMegabytes(service));
                }
            }
        }
        results.note(NAME + ": each service runs with -Xms16m -Xmx256m -XX:+UseSerialGC as infra/platform up starts it; warm-up is "
                + WARM_UP_REQUESTS + " GET /q/health/ready and GET /q/openapi per service");
    }

    private static void warmUp(PlatformUnderBench platform, String service, String token) {
        try (Api api = new Api(platform.url(service))) {
            for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                api.get(i % 2 == 0 ? "/q/health/ready" : "/q/openapi", token).join();
            }
        }
    }
}
