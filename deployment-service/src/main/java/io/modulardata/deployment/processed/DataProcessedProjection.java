package io.modulardata.deployment.processed;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.DataProcessingReported;
import io.modulardata.kit.projection.Projection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Adds each report to its deployment's {@code data_processed_gb}. The deployment rows are
 * DeploymentProjection's (it empties them for a rebuild, and a report always follows its deployment's
 * request in the log), so there is nothing of its own to reset.
 */
@ApplicationScoped
public class DataProcessedProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof DataProcessingReported;
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase event) {
        DataProcessingReported report = (DataProcessingReported) event;
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "update deployment set data_processed_gb = data_processed_gb + ?2 where deployment_id = ?1")
                .setParameter(1, report.getDeploymentId()).setParameter(2, report.getProcessedGb())
                .executeUpdate())
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> reset() {
        return Uni.createFrom().voidItem();
    }
}
