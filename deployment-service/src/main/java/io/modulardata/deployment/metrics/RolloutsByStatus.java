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
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * {@code rollouts{status}}: deployments in each status, counted in the read model every few seconds (all statuses
 * are always exported, 0 when none, so that a rise from nothing shows in Prometheus).
 */
@ApplicationScoped
public class RolloutsByStatus {

    public static final String METRIC = "rollouts";
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private final Pool pool;
    private final Vertx vertx;
    private final Map<DeploymentStatus, AtomicLong> counts = new EnumMap<>(DeploymentStatus.class);
    private volatile long timerId = -1;

    public RolloutsByStatus(Pool pool, Vertx vertx, MeterRegistry meters) {
        this.pool = pool;
        this.vertx = vertx;
        for (DeploymentStatus status : DeploymentStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder(METRIC, count, AtomicLong::get).description("Deployments (rollouts) in the status")
                    .tag("status", status.name()).register(meters);
        }
    }

    void start(@Observes StartupEvent startup) {
        timerId = vertx.setPeriodic(INTERVAL.toMillis(), id -> count());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
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
