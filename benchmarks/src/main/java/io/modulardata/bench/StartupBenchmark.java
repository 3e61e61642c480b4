package io.modulardata.bench;

import java.nio.file.Path;
import java.util.Map;

import io.modulardata.bench.results.Results;
import io.modulardata.infra.stack.ServiceJvm;
import io.modulardata.infra.stack.ServiceLauncher;
import io.modulardata.infra.token.Role;

/**
 * Per-service start time (launch to ready, as {@code infra/platform up} measures it) and resident
 * memory after a warm-up of {@link #WARM_UP_REQUESTS} requests, over several fresh platform starts, on the
 * JVM {@code up} chooses (JDK 25+ with its AOT cache, see ServiceLauncher) and, alternating in the same run,
 * on the Java 17 that runs this benchmark (the start before JDK 25 was looked for).
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
        ServiceJvm chosen = ServiceJvm.choose();
        Map<String, String> java17 = Map.of("MDP_SERVICE_JAVA_HOME", System.getProperty("java.home"));
        if (chosen.aot()) {
            // Trains the caches (a first start only), so that every measured start below uses them.
            PlatformUnderBench.start(repoRoot).close();
        }
        for (int run = 1; run <= runs; run++) {
            measure(java17, " on Java " + Runtime.version().feature());
            if (chosen.aot()) {
                measure(Map.of(), " on Java " + chosen.runtime().feature() + " + AOT cache");
            }
        }
        results.note(NAME + ": each service runs with " + String.join(" ", ServiceLauncher.JVM_OPTIONS)
                + " as infra/platform up starts it (on JDK 25+ also " + String.join(" ", chosen.options())
                + " and its AOT cache); the two JVMs alternate in each run; warm-up is "
                + WARM_UP_REQUESTS + " GET /q/health/ready and GET /q/openapi per service");
    }

    private void measure(Map<String, String> settings, String jvm) throws Exception {
        try (PlatformUnderBench platform = PlatformUnderBench.start(repoRoot, settings)) {
            Map<String, Double> seconds = platform.startSeconds();
            String admin = platform.token(Role.PLATFORM_ADMIN, null);
            for (String service : PlatformUnderBench.SERVICES) {
                results.figure(NAME, service + " ready after" + jvm, "s", 3.0, true).add(seconds.getOrDefault(service, Double.NaN));
                warmUp(platform, service, admin);
                results.figure(NAME, service + " RSS after warm-up" + jvm, "MB", 180.0, true).add(platform.rssMegabytes(service));
            }
        }
    }

    private static void warmUp(PlatformUnderBench platform, String service, String token) {
        try (Api api = new Api(platform.url(service))) {
            for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                api.get(i % 2 == 0 ? "/q/health/ready" : "/q/openapi", token).join();
            }
        }
    }
}
