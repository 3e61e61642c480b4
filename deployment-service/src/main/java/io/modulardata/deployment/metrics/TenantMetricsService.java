package io.modulardata.deployment.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Tenant metrics from the deployment read model, also exported as Prometheus gauges labelled by tenant (refreshed every 10 s). */
@ApplicationScoped
public class TenantMetricsService {

    private static final String SQL = """
            select tenant_id,
                   count(distinct component_id) filter (where live or status in ('REQUESTED', 'DEPLOYING')),
                   count(*) filter (where status = 'DEPLOYED'),
                   count(*) filter (where status = 'FAILED'),
                   coalesce(extract(epoch from sum(coalesce(live_until, now()) - live_since)), 0),
                   coalesce(sum(data_processed_gb), 0),
                   max(updated_at)
            from deployment %s group by tenant_id""";

    private final MeterRegistry meters;
    private final Map<String, AtomicReference<TenantMetrics>> gauges = new ConcurrentHashMap<>();
    private ScheduledExecutorService thread;

    public TenantMetricsService(MeterRegistry meters) {
        this.meters = meters;
    }

    @WithSession
    public Uni<TenantMetrics> of(String tenantId) {
        return query("where tenant_id = ?1", tenantId)
                .map(list -> list.isEmpty() ? new TenantMetrics(tenantId, 0, 0, 0, 0, 0, null) : list.get(0));
    }

    void start(@Observes StartupEvent event) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "tenant-metrics"));
        thread.scheduleWithFixedDelay(this::refresh, 1, 10, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    void refresh() {
        try {
            List<TenantMetrics> all = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> query("")));
            all.forEach(metrics -> gauges.computeIfAbsent(metrics.tenantId(), this::register).set(metrics));
        } catch (Throwable e) {
            Log.debugf("Tenant metrics not refreshed: %s", e.getMessage());
        }
    }

    private AtomicReference<TenantMetrics> register(String tenantId) {
        AtomicReference<TenantMetrics> holder = new AtomicReference<>(new TenantMetrics(tenantId, 0, 0, 0, 0, 0, null));
        Gauge.builder("tenant_active_jobs", holder, h -> h.get().activeJobs()).tag("tenant", tenantId).register(meters);
        Gauge.builder("tenant_jobs_completed", holder, h -> h.get().jobsCompleted()).tag("tenant", tenantId).register(meters);
        Gauge.builder("tenant_jobs_failed", holder, h -> h.get().jobsFailed()).tag("tenant", tenantId).register(meters);
        Gauge.builder("tenant_processing_hours", holder, h -> h.get().totalProcessingHours()).tag("tenant", tenantId).register(meters);
        Gauge.builder("tenant_data_processed_gb", holder, h -> h.get().dataProcessedGb()).tag("tenant", tenantId).register(meters);
        return holder;
    }

    private static Uni<List<TenantMetrics>> query(String where, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(SQL.formatted(where), Object[].class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new TenantMetrics((String) row[0], ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), ((Number) row[3]).longValue(), hours((Number) row[4]), ((Number) row[5]).doubleValue(), instant(row[6]))).toList());
    }

    private static double hours(Number seconds) {
        return new BigDecimal(seconds.toString()).divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_UP).doubleValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return value instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) value;
    }
}
