package io.modulardata.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.modulardata.bench.results.Results;
import io.modulardata.infra.token.Role;

/**
 * Discovery at scale: {@code components} component versions and {@code tenants} tenants, each granted
 * an equal share, filled through the real API; then GET /tenants/{t}/components with capability,
 * format and clearance filters at a fixed rate, each call with a tenant-user token of a random tenant.
 */
final class DiscoveryBenchmark {

    private static final String NAME = "discovery";
    private static final int FILL_CONCURRENCY = 32;

    private final PlatformUnderBench platform;
    private final Results results;

    DiscoveryBenchmark(PlatformUnderBench platform, Results results) {
        this.platform = platform;
        this.results = results;
    }

    void run(int runs, int components, int tenants, int rate, Duration duration) throws InterruptedException {
        String admin = platform.token(Role.PLATFORM_ADMIN, null);
        try (Api registry = new Api(platform.url("registry-service"))) {
            long fillStarted = System.nanoTime();
            ClosedLoopLoad.run(tenants, FILL_CONCURRENCY, t -> registry.send("POST", "/tenants", admin, Bodies.tenant(tenantId(t)), null));
            ClosedLoopLoad.run(components, FILL_CONCURRENCY, i -> registry.send("POST", "/components", admin,
                    Bodies.component(componentId(i), i), null));
            int perTenant = Math.max(1, components / tenants);
            // Grant g goes to tenant g % tenants: requests in flight together change different tenants.
            ClosedLoopLoad.run((long) perTenant * tenants, FILL_CONCURRENCY, g -> registry.send("PUT",
                    "/tenants/" + tenantId(g % tenants) + "/grants/" + Bodies.componentKey(componentId(g % components), g % components),
                    admin, null, null));
            results.note(NAME + ": filled " + tenants + " tenants, " + components + " components and "
                    + (long) perTenant * tenants + " grants through the API in "
                    + Math.round((System.nanoTime() - fillStarted) / 1e9) + " s");

            List<String> tokens = new ArrayList<>();
            for (int t = 0; t < tenants; t++) {
                tokens.add(platform.token(Role.TENANT_USER, tenantId(t)));
            }
            // Run 0 warms the discovery query itself (JIT, PostgreSQL's caches) and is not counted.
            CpuMeter cpu = platform.cpuMeter();
            for (int run = 0; run <= runs; run++) {
                // The fill's backlog (the consumers of its 201,000 events, PostgreSQL's autovacuum) would otherwise be
                // in the first runs: measured that way on 2026-12-07, p99 fell run by run from 223 to 22 ms.
                long settling = System.nanoTime();
                CpuMeter.settled(cpu);
                System.out.printf("%s run %d/%d: the platform settled in %d s%n", NAME, run, runs,
                        Math.round((System.nanoTime() - settling) / 1e9));
                FixedRateLoad.awaitIdle(() -> registry.get("/q/health/live", tokens.get(0)));
                FixedRateLoad.Outcome outcome = FixedRateLoad.run(rate, duration, i -> {
                    int tenant = ThreadLocalRandom.current().nextInt(tenants);
                    String capability = Bodies.CAPABILITIES[(int) (i % Bodies.CAPABILITIES.length)];
                    return registry.get("/tenants/" + tenantId(tenant) + "/components?capability=" + capability
                            + "&dataFormat=csv&dataFormat=parquet&minClearance=internal", tokens.get(tenant));
                });
                if (run == 0) {
                    continue;
                }
                results.figure(NAME, rate + "/s p50", "ms", null, true).add(FixedRateLoad.millis(outcome.latencies(), 50));
                results.figure(NAME, rate + "/s p99", "ms", 10.0, true).add(FixedRateLoad.millis(outcome.latencies(), 99));
                results.figure(NAME, rate + "/s failed", "requests", null, true).add(outcome.failed());
                if (outcome.firstFailure() != null) {
                    results.note(NAME + ": first failure " + outcome.firstFailure());
                }
            }
        }
    }

    private static String tenantId(long t) {
        return "bench-t" + t;
    }

    private static String componentId(long i) {
        return "bench-c" + i;
    }
}
