package io.modulardata.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.bench.results.Results;
import io.modulardata.infra.token.Role;

/**
 * Command to audit: POST /components at a fixed rate, each with its own X-Correlation-Id, while a
 * poller reads GET /audit/events newest first every {@link #POLL} and notes when each id appears.
 * The latency runs from the command's send time to the poll that first saw it, so it includes up to
 * one poll interval of measuring delay.
 */
final class AuditVisibilityBenchmark {

    private static final String NAME = "command -> audit query";
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final PlatformUnderBench platform;
    private final Results results;
    private final ObjectMapper json = new ObjectMapper();

    AuditVisibilityBenchmark(PlatformUnderBench platform, Results results) {
        this.platform = platform;
        this.results = results;
    }

    void run(int runs, int rate, Duration duration) throws Exception {
        String admin = platform.token(Role.PLATFORM_ADMIN, null);
        String auditor = platform.token(Role.AUDITOR, null);
        try (Api registry = new Api(platform.url("registry-service")); Api audit = new Api(platform.url("audit-service"))) {
            for (int run = 1; run <= runs; run++) {
                FixedRateLoad.awaitIdle(() -> registry.get("/q/health/live", admin));
                String prefix = "v" + run + "-" + System.currentTimeMillis() + "-";
                Map<String, Long> pending = new ConcurrentHashMap<>();
                Histogram latencies = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
                AtomicBoolean polling = new AtomicBoolean(true);
                Thread poller = new Thread(() -> poll(audit, auditor, pending, latencies, polling), "audit-poller");
                poller.start();
                FixedRateLoad.Outcome sent = FixedRateLoad.run(rate, duration, i -> {
                    String correlationId = prefix + i;
                    pending.put(correlationId, System.nanoTime());
                    return registry.send("POST", "/components", admin, Bodies.component(prefix + i, i), correlationId);
                });
                long deadline = System.nanoTime() + DRAIN.toNanos();
                while (!pending.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(POLL.toMillis());
                }
                polling.set(false);
                poller.join();
                long accepted = sent.sent() - sent.failed();
                results.figure(NAME, rate + "/s p50", "ms", null, true).add(latencies.getValueAtPercentile(50) / 1e6);
                results.figure(NAME, rate + "/s p99", "ms", 250.0, true).add(latencies.getValueAtPercentile(99) / 1e6);
                results.figure(NAME, rate + "/s commands accepted but not in the audit query after " + DRAIN.toSeconds() + " s",
                        "events", null, true).add(accepted - latencies.getTotalCount());
            }
        }
        results.note(NAME + ": the audit query is polled every " + POLL.toMillis() + " ms, which is included in the figures.");
    }

    /** Reads the newest entries since the oldest command still unseen, following cursors, until told to stop. */
    private void poll(Api audit, String token, Map<String, Long> pending, Histogram latencies, AtomicBoolean polling) {
        while (polling.get()) {
            long pollStarted = System.nanoTime();
            try {
                if (!pending.isEmpty()) {
                    readSince(audit, token, Instant.now().minusSeconds(60), pending, latencies);
                }
                long rest = POLL.toNanos() - (System.nanoTime() - pollStarted);
                if (rest > 0) {
                    TimeUnit.NANOSECONDS.sleep(rest);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                results.note(NAME + ": a poll failed: " + e);
            }
        }
    }

    private void readSince(Api audit, String token, Instant from, Map<String, Long> pending, Histogram latencies)
            throws IOException {
        String cursor = null;
        do {
            String path = "/audit/events?eventType=ComponentRegistered&limit=100&from=" + from
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = json.readTree(audit.get(path, token).join().body());
            long seenAt = System.nanoTime();
            boolean anyNew = false;
            for (JsonNode item : page.path("items")) {
                Long sentAt = pending.remove(item.path("correlationId").asText());
                if (sentAt != null) {
                    latencies.recordValue(seenAt - sentAt);
                    anyNew = true;
                }
            }
            // Newest first: a page without any new id means the rest was seen by an earlier poll.
            cursor = anyNew ? page.path("nextCursor").asText(null) : null;
        } while (cursor != null);
    }
}
