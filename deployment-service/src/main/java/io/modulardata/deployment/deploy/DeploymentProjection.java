package io.modulardata.deployment.deploy;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.deployment.rollout.DeploymentStatus;
import io.modulardata.events.DeploymentFailed;
import io.modulardata.events.DeploymentPhaseCompleted;
import io.modulardata.events.DeploymentRemoved;
import io.modulardata.events.DeploymentRequested;
import io.modulardata.events.DeploymentRolledBack;
import io.modulardata.events.DeploymentSucceeded;
import io.modulardata.kit.projection.Projection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Projects the deployment events onto the deployment and deployment_phase tables. */
@ApplicationScoped
public class DeploymentProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof DeploymentRequested || event instanceof DeploymentPhaseCompleted
                || event instanceof DeploymentSucceeded || event instanceof DeploymentFailed
                || event instanceof DeploymentRolledBack || event instanceof DeploymentRemoved;
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase event) {
        if (event instanceof DeploymentRequested r) {
            return sql("""
                    insert into deployment (deployment_id, tenant_id, component_id, component_version, component_key, environment,
                        container_name, target_slot, previous_deployment_id, status, warnings, version, requested_at, updated_at, storage_gb)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)""",
                    r.getDeploymentId(), r.getTenantId(), r.getComponentId(), r.getComponentVersion(), r.getComponentKey(),
                    r.getEnvironment().name(), r.getContainer().getContainerName(), r.getTargetSlot().name(),
                    r.getPreviousDeploymentId(), DeploymentStatus.REQUESTED.name(), String.join("\n", r.getWarnings()),
                    r.getAggregateVersion(), r.getOccurredAt(), r.getContainer().getStorageGb());
        }
        if (event instanceof DeploymentPhaseCompleted p) {
            Uni<Void> live = p.getPhase() == io.modulardata.events.DeploymentPhase.TRAFFIC_SWITCHED
                    ? sql("update deployment set live_since = ?2 where deployment_id = ?1", p.getDeploymentId(), p.getOccurredAt())
                    : Uni.createFrom().voidItem();
            return sql("insert into deployment_phase (deployment_id, phase, slot, completed_at) values (?1, ?2, ?3, ?4)",
                    p.getDeploymentId(), p.getPhase().name(), p.getSlot().name(), p.getOccurredAt())
                    .chain(() -> live)
                    .chain(() -> status(p.getDeploymentId(), DeploymentStatus.DEPLOYING, null, p.getAggregateVersion(), p.getOccurredAt(), false));
        }
        if (event instanceof DeploymentSucceeded s) {
            // The new slot is live; the deployment it replaced is not any more.
            return sql("""
                    update deployment set live = false, live_until = coalesce(live_until, (select live_since from deployment where deployment_id = ?1))
                    where deployment_id = (select previous_deployment_id from deployment where deployment_id = ?1)""", s.getDeploymentId())
                    .chain(() -> sql("update deployment set live = true where deployment_id = ?1", s.getDeploymentId()))
                    .chain(() -> status(s.getDeploymentId(), DeploymentStatus.DEPLOYED, null, s.getAggregateVersion(), s.getOccurredAt(), true));
        }
        if (event instanceof DeploymentFailed f) {
            return status(f.getDeploymentId(), DeploymentStatus.FAILED, f.getReason(), f.getAggregateVersion(), f.getOccurredAt(), true);
        }
        if (event instanceof DeploymentRemoved r) {
            // Out of the cluster with its tenant's namespace: what served stops now; a finished rollout keeps its end.
            return sql("""
                    update deployment set status = ?2, live = false, error = ?3, version = ?4, updated_at = ?5,
                        live_until = case when live_since is null then live_until else coalesce(live_until, ?5) end,
                        finished_at = coalesce(finished_at, ?5)
                    where deployment_id = ?1""", r.getDeploymentId(), DeploymentStatus.REMOVED.name(), r.getReason(),
                    r.getAggregateVersion(), r.getOccurredAt());
        }
        DeploymentRolledBack b = (DeploymentRolledBack) event;
        return sql("update deployment set live_until = ?2 where deployment_id = ?1 and live_since is not null",
                b.getDeploymentId(), b.getOccurredAt()).chain(() -> status(b.getDeploymentId(), DeploymentStatus.ROLLED_BACK, b.getReason(), b.getAggregateVersion(), b.getOccurredAt(), true));
    }

    private static Uni<Void> status(String deploymentId, DeploymentStatus status, String error, long version, Instant at, boolean finished) {
        return sql("""
                update deployment set status = ?2, error = coalesce(cast(?3 as text), error), version = ?4, updated_at = ?5,
                    finished_at = case when ?6 then ?5 else finished_at end
                where deployment_id = ?1""", deploymentId, status.name(), error, version, at, finished);
    }

    @Override
    public Uni<Void> reset() {
        return sql("delete from deployment_phase").chain(() -> sql("delete from deployment"));
    }

    static Uni<Void> sql(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
