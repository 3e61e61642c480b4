package io.modulardata.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.modulardata.bench.results.Results;

/**
 * What a platform at rest costs: the cores each part keeps busy over a minute without a single request,
 * after the platform has settled. Each service's own tick (the outbox relay's poll, the rollout executor,
 * metrics gauges) and its Kafka consumers' fetches show here, and so does Kafka's cost of answering them.
 * Each service's metrics are scraped every 15 s meanwhile, as infra/monitoring's Prometheus does: what a scrape
 * costs (and the gauges it refreshes) counts too.
 */
final class IdleCostBenchmark {

    private static final String NAME = "at rest";
    /** Consumer groups join, first gauges and caches fill, the JIT calms down. */
    static final Duration SETTLE = Duration.ofSeconds(60);
    /** Each service at rest should cost next to nothing. */
    private static final double SERVICE_TARGET_CORES = 0.01;
    /** As infra/monitoring/prometheus.yml scrapes. */
    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);

    private final PlatformUnderBench platform;
    private final Results results;

    IdleCostBenchmark(PlatformUnderBench platform, Results results) {
        this.platform = platform;
        this.results = results;
    }

    void run(int runs, Duration window) throws InterruptedException {
        CpuMeter cpu = platform.cpuMeter();
        ScheduledExecutorService prometheus = Executors.newSingleThreadScheduledExecutor();
        HttpClient http = HttpClient.newHttpClient();
        prometheus.scheduleAtFixedRate(() -> scrapeAll(http), 0, SCRAPE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Thread.sleep(SETTLE.toMillis());
            for (int run = 1; run <= runs; run++) {
                Map<String, Duration> before = cpu.read();
                long started = System.nanoTime();
                Thread.sleep(window.toMillis());
                Map<String, Double> cores = CpuMeter.coresBusy(before, cpu.read(), Duration.ofNanos(System.nanoTime() - started));
                cores.forEach((part, busy) -> results.figure(NAME, "cores busy, " + part, "cores",
                        PlatformUnderBench.SERVICES.contains(part) || part.equals("console") ? SERVICE_TARGET_CORES : null, true)
                        .add(busy));
                System.out.printf("%s run %d/%d: %s%n", NAME, run, runs, cores);
            }
        } finally {
            prometheus.shutdownNow();
        }
        results.note(NAME + ": no requests at all; " + SETTLE.toSeconds() + " s after the platform is up, then CPU time of each "
                + "process (from /proc) over " + window.toSeconds() + " s windows, divided by the window's length. Each "
                + "service's metrics are scraped every " + SCRAPE_INTERVAL.toSeconds() + " s, as Prometheus would. The load "
                + "generator only sleeps and scrapes; 'other' is the infra/platform CLI and the Kubernetes emulation.");
    }

    private void scrapeAll(HttpClient http) {
        for (String service : PlatformUnderBench.SERVICES) {
            try {
                HttpResponse<Void> scraped = http.send(HttpRequest.newBuilder(URI.create(platform.metricsUrl(service)))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (scraped.statusCode() != 200) {
                    System.out.printf("%s: scraping %s answered %d%n", NAME, service, scraped.statusCode());
                }
            } catch (IOException e) {
                System.out.printf("%s: scraping %s failed: %s%n", NAME, service, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
