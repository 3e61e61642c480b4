package io.modulardata.deployment.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.modulardata.deployment.rollout.DeploymentStatus;
import io.modulardata.kit.metrics.RefreshOnScrape;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * {@code rollouts{status}}: deployments in each status, counted in the read model at start and then when scraped
 * ({@link RefreshOnScrape}: one scrape old, no query while nobody scrapes). All statuses are always exported, 0 when
 * none, so that a rise from nothing shows in Prometheus.
 */
@ApplicationScoped
public class RolloutsByStatus {

    public static final String METRIC = "rollouts";
    /** One count per scrape, however many of the gauges it reads. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final Pool pool;
    private final Map<DeploymentStatus, AtomicLong> counts = new EnumMap<>(DeploymentStatus.class);

    public RolloutsByStatus(Pool pool, MeterRegistry meters) {
        this.pool = pool;
        RefreshOnScrape refresh = new RefreshOnScrape("Rollouts by status", MIN_INTERVAL, this::count);
        for (DeploymentStatus status : DeploymentStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder(METRIC, count, refresh.reading(AtomicLong::get)).description("Deployments (rollouts) in the status")
                    .tag("status", status.name()).register(meters);
        }
    }

    void start(@Observes StartupEvent startup) {
        count();
    }

    private void count() {
        pool.query("select status, count(*) from deployment group by status").execute().subscribe().with(rows -> {
            Map<DeploymentStatus, Long> found = new EnumMap<>(DeploymentStatus.class);
            for (Row row : rows) {
                found.put(DeploymentStatus.valueOf(row.getString(0)), row.getLong(1));
            }
            counts.forEach((status, count) -> count.set(found.getOrDefault(status, 0L)));
        }, failure -> Log.debugf("Rollouts not counted: %s", failure.toString()));
    }
}
