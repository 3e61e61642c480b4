package io.modulardata.kit.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modulardata.kit.metrics.RefreshOnScrape;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What the outbox holds that Kafka has not acknowledged yet: {@code outbox_pending} (rows) and
 * {@code outbox_oldest_pending_seconds} (age of the oldest). Unlike {@code outbox_publish_lag_seconds}, which is
 * only recorded when an event reaches Kafka, these grow while the relay is stuck, which is what an alert needs.
 * Measured at start and then when scraped ({@link RefreshOnScrape}: one scrape old, no query while nobody scrapes).
 */
@ApplicationScoped
public class OutboxBacklog {

    /** One measurement per scrape, for both gauges. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private static final String MEASURE = """
            select count(*), coalesce(extract(epoch from now() - min(e.occurred_at)), 0)
            from outbox o join event_store e on e.global_position = o.event_position
            """;

    private final Pool pool;
    private final OutboxConfig config;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Double> oldestSeconds = new AtomicReference<>(0.0);

    public OutboxBacklog(Pool pool, OutboxConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.config = config;
        if (config.enabled()) {
            RefreshOnScrape refresh = new RefreshOnScrape("Outbox backlog", MIN_INTERVAL, this::measure);
            Gauge.builder("outbox.pending", pending, refresh.reading(AtomicLong::get))
                    .description("Outbox rows committed but not yet acknowledged by Kafka").register(meters);
            Gauge.builder("outbox.oldest.pending.seconds", oldestSeconds, refresh.reading(AtomicReference::get))
                    .description("Age of the oldest outbox row not yet acknowledged by Kafka (0 when none)").register(meters);
        }
    }

    void start(@Observes StartupEvent startup) {
        if (config.enabled()) {
            measure();
        }
    }

    private void measure() {
        pool.query(MEASURE).execute().subscribe().with(rows -> {
            Row row = rows.iterator().next();
            pending.set(row.getLong(0));
            oldestSeconds.set(row.getNumeric(1).doubleValue());
        }, failure -> Log.debugf("Outbox backlog not measured: %s", failure.toString()));
    }
}
