package io.modulardata.kit.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;

/**
 * {@code readiness_check_up{check}}: 1 while a readiness check (PostgreSQL, Kafka through the messaging channels,
 * ...) reports UP, 0 while DOWN, so that Prometheus can alert on an unavailable backend. The checks run at start and
 * then when scraped ({@link RefreshOnScrape}: a value is one scrape old, and nothing runs while nobody scrapes), on a
 * thread of their own (some block, e.g. JDBC), so a slow backend never slows the scrape.
 */
@ApplicationScoped
public class ReadinessGauges {

    public static final String METRIC = "readiness.check.up";
    /** One round of checks per scrape, however many checks it reads. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final SmallRyeHealthReporter health;
    private final MeterRegistry meters;
    private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();
    private final RefreshOnScrape onScrape = new RefreshOnScrape("Readiness gauges", MIN_INTERVAL, this::refreshSoon);
    private volatile ExecutorService checker;

    public ReadinessGauges(SmallRyeHealthReporter health, MeterRegistry meters) {
        this.health = health;
        this.meters = meters;
    }

    void start(@Observes StartupEvent startup) {
        checker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "readiness-gauges");
            thread.setDaemon(true);
            return thread;
        });
        checker.execute(this::refresh);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    private void refreshSoon() {
        checker.execute(this::refresh);
    }

    private void refresh() {
        try {
            JsonObject report = health.getReadiness().getPayload();
            for (JsonObject check : report.getJsonArray("checks").getValuesAs(JsonObject.class)) {
                state(check.getString("name")).set("UP".equals(check.getString("status")) ? 1 : 0);
            }
        } catch (RuntimeException e) {
            Log.debugf("Readiness checks for metrics failed: %s", e.toString());
        }
    }

    private AtomicInteger state(String check) {
        return states.computeIfAbsent(check, name -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(METRIC, value, onScrape.reading(AtomicInteger::get))
                    .description("1 while the readiness check reports UP, 0 while DOWN")
                    .tag("check", name)
                    .register(meters);
            return value;
        });
    }
}
