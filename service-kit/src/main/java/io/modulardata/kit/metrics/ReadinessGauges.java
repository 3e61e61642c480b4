package io.modulardata.kit.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * ...) reports UP, 0 while DOWN, so that Prometheus can alert on an unavailable backend. The checks run on a thread
 * of their own (some block, e.g. JDBC), not on each scrape, so a slow backend never slows the scrape.
 */
@ApplicationScoped
public class ReadinessGauges {

    public static final String METRIC = "readiness.check.up";
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final SmallRyeHealthReporter health;
    private final MeterRegistry meters;
    private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public ReadinessGauges(SmallRyeHealthReporter health, MeterRegistry meters) {
        this.health = health;
        this.meters = meters;
    }

    void start(@Observes StartupEvent startup) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "readiness-gauges");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
        }
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
            Gauge.builder(METRIC, value, AtomicInteger::get)
                    .description("1 while the readiness check reports UP, 0 while DOWN")
                    .tag("check", name)
                    .register(meters);
            return value;
        });
    }
}
