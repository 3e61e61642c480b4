package io.modulardata.deployment.deploy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.deployment.rollout.Rollout;
import io.modulardata.deployment.tenancy.TenantUsage;
import io.modulardata.events.DeploymentSlot;
import io.modulardata.kit.events.AvroEventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reads of the deployment read model and of a deployment's events; must run in a session. */
@ApplicationScoped
public class DeploymentQueries {

    private static final String COLUMNS = """
            deployment_id, tenant_id, component_id, component_version, component_key, environment, container_name,
            target_slot, previous_deployment_id, status, live, warnings, error, requested_at, updated_at, finished_at""";

    /** The deployment whose slot serves the component now, if any. */
    public record LiveDeployment(String deploymentId, DeploymentSlot slot) {
    }

    public Uni<Optional<DeploymentView>> find(String deploymentId) {
        return rows("select " + COLUMNS + " from deployment where deployment_id = ?1", deploymentId)
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(Optional.<DeploymentView>empty())
                        : phases(deploymentId).map(phases -> Optional.of(view(rows.get(0), phases))));
    }

    public Uni<List<DeploymentView>> history(String tenantId) {
        return rows("select " + COLUMNS + " from deployment where tenant_id = ?1 order by requested_at desc, deployment_id", tenantId)
                .map(rows -> rows.stream().map(row -> view(row, List.of())).toList());
    }

    public Uni<Optional<LiveDeployment>> live(String tenantId, String componentId) {
        return rows("select deployment_id, target_slot from deployment where tenant_id = ?1 and component_id = ?2 and live", tenantId, componentId)
                .map(rows -> rows.stream().findFirst()
                        .map(row -> new LiveDeployment((String) row[0], DeploymentSlot.valueOf((String) row[1]))));
    }

    public Uni<Optional<String>> inProgress(String tenantId, String componentId) {
        return rows("select deployment_id, status from deployment where tenant_id = ?1 and component_id = ?2 and status in ('REQUESTED', 'DEPLOYING')",
                tenantId, componentId).map(rows -> rows.stream().findFirst().map(row -> (String) row[0]));
    }

    /**
     * Another component of the tenant whose live or in-progress deployment uses {@code containerName}: its
     * Deployment, Service and HPA have the names this one's would get.
     */
    public Uni<Optional<String>> componentUsingContainerName(String tenantId, String containerName, String componentId) {
        return rows("""
                select component_id, container_name from deployment
                where tenant_id = ?1 and container_name = ?2 and component_id <> ?3 and (live or status in ('REQUESTED', 'DEPLOYING'))
                limit 1""", tenantId, containerName, componentId).map(rows -> rows.stream().findFirst().map(row -> (String) row[0]));
    }

    /** componentIds of the tenant with a rollout in progress or a live deployment. */
    public Uni<Set<String>> busyComponents(String tenantId) {
        return rows("select distinct component_id, tenant_id from deployment where tenant_id = ?1 and (live or status in ('REQUESTED', 'DEPLOYING'))", tenantId)
                .map(rows -> rows.stream().map(row -> (String) row[0]).collect(java.util.stream.Collectors.toSet()));
    }

    /** What the tenant's live and in-progress deployments hold against its quotas, and its processing hours this month. */
    public Uni<TenantUsage> usage(String tenantId) {
        return rows("""
                select coalesce(sum(storage_gb) filter (where live or status in ('REQUESTED', 'DEPLOYING')), 0),
                       coalesce(extract(epoch from sum(greatest(interval '0', coalesce(live_until, now())
                           - greatest(live_since, date_trunc('month', now() at time zone 'UTC') at time zone 'UTC')))
                           filter (where live_since is not null)), 0)
                from deployment where tenant_id = ?1""",
                tenantId).map(rows -> new TenantUsage(((Number) rows.get(0)[0]).doubleValue(), ((Number) rows.get(0)[1]).doubleValue() / 3600));
    }

    /** A rollout the executor still has to act on: in progress, or failed or rolled back and not yet compensated. */
    private static final String UNFINISHED = "(status in ('REQUESTED', 'DEPLOYING') or (status in ('FAILED', 'ROLLED_BACK') and not compensated))";

    /** Rollouts the executor still has to act on, oldest first. */
    public Uni<List<String>> unfinished() {
        return rows("select deployment_id, requested_at from deployment where " + UNFINISHED + " order by requested_at")
                .map(rows -> rows.stream().map(row -> (String) row[0]).toList());
    }

    /** Whether the executor still has to act on a rollout of the tenant. */
    public Uni<Boolean> hasUnfinished(String tenantId) {
        return rows("select deployment_id, tenant_id from deployment where tenant_id = ?1 and " + UNFINISHED + " limit 1", tenantId)
                .map(rows -> !rows.isEmpty());
    }

    /** The tenant's deployments whose slots serve their components now. */
    public Uni<List<String>> liveOf(String tenantId) {
        return rows("select deployment_id, tenant_id from deployment where tenant_id = ?1 and live order by requested_at", tenantId)
                .map(rows -> rows.stream().map(row -> (String) row[0]).toList());
    }

    /** Whether no later deployment of the same tenant and component exists (compensation may touch the cluster). */
    public Uni<Boolean> isLatest(String deploymentId) {
        return rows("""
                select d.deployment_id, d.status from deployment d join deployment later
                  on later.tenant_id = d.tenant_id and later.component_id = d.component_id and later.requested_at > d.requested_at
                where d.deployment_id = ?1""", deploymentId).map(List::isEmpty);
    }

    public Uni<Void> markCompensated(String deploymentId) {
        return DeploymentProjection.sql("update deployment set compensated = true where deployment_id = ?1", deploymentId);
    }

    /** The rollout rebuilt from the deployment's events. */
    public Uni<Optional<Rollout>> rollout(String deploymentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select event_type, payload from event_store
                where aggregate_type = ?1 and aggregate_id = ?2 order by aggregate_version""", Object[].class)
                .setParameter(1, Rollout.AGGREGATE_TYPE).setParameter(2, deploymentId).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return Optional.<Rollout>empty();
                    }
                    List<SpecificRecordBase> events = rows.stream()
                            .map(row -> AvroEventCodec.decode((String) row[0], (byte[]) row[1])).toList();
                    return Optional.of(Rollout.replay(events));
                });
    }

    private Uni<List<DeploymentView.PhaseView>> phases(String deploymentId) {
        return rows("select phase, slot, completed_at from deployment_phase where deployment_id = ?1 order by completed_at, phase", deploymentId)
                .map(rows -> rows.stream().map(row -> new DeploymentView.PhaseView((String) row[0], (String) row[1], instant(row[2]))).toList());
    }

    private static Uni<List<Object[]>> rows(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getResultList();
        });
    }

    private static DeploymentView view(Object[] row, List<DeploymentView.PhaseView> phases) {
        String id = (String) row[0];
        String warnings = (String) row[11];
        return new DeploymentView(id, (String) row[1], (String) row[2], (String) row[3], (String) row[4], (String) row[5],
                (String) row[6], (String) row[7], (String) row[8], (String) row[9], (Boolean) row[10],
                warnings.isEmpty() ? List.of() : Arrays.asList(warnings.split("\n")), (String) row[12],
                instant(row[13]), instant(row[14]), instant(row[15]), phases, links(id));
    }

    static Map<String, String> links(String deploymentId) {
        return Map.of("self", "/deployments/" + deploymentId, "rollback", "/deployments/" + deploymentId + "/rollback");
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return (Instant) value;
    }
}
