package io.modulardata.deployment.processed;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.deployment.registry.RegistryFacts;
import io.modulardata.events.DataProcessingReported;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.problem.ApiProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Records what a running component reports it processed. Each report is a one-off aggregate of its own,
 * so reports never contend with the rollout's events; the tenant's metrics sum them per deployment.
 */
@ApplicationScoped
public class DataProcessedReports {

    static final String AGGREGATE_TYPE = "data-processing-report";

    private final CommandRunner commands;
    private final EventRecorder recorder;
    private final RegistryFacts facts;

    public DataProcessedReports(CommandRunner commands, EventRecorder recorder, RegistryFacts facts) {
        this.commands = commands;
        this.recorder = recorder;
        this.facts = facts;
    }

    /**
     * {@code deployment} is the caller-visible deployment; a deployment that never served traffic processed nothing
     * (409); an offboarded tenant's deployments take no more reports (410).
     */
    public Uni<DataProcessed> report(ReportedDeployment deployment, double processedGb, CommandContext context) {
        var event = context.metadata(deployment.tenantId(), "report-" + UUID.randomUUID()).stamp(new DataProcessingReported());
        event.setDeploymentId(deployment.deploymentId());
        event.setComponentId(deployment.componentId());
        event.setProcessedGb(processedGb);
        return commands.inTransaction(() -> facts.requireNotOffboarded(deployment.tenantId()).chain(() -> {
            if (!deployment.servedTraffic()) {
                throw ApiProblemException.conflict("Deployment '" + deployment.deploymentId()
                        + "' has not served traffic: its component cannot have processed data yet");
            }
            return recorder.record(AGGREGATE_TYPE, 0, List.of(event));
        }).chain(() -> totalOf(deployment.deploymentId())))
                .map(total -> new DataProcessed(deployment.deploymentId(), processedGb, total));
    }

    /** The deployment as a report needs it, or empty when it does not exist. */
    public Uni<java.util.Optional<ReportedDeployment>> find(String deploymentId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "select deployment_id, tenant_id, component_id, live_since from deployment where deployment_id = ?1", Object[].class)
                .setParameter(1, deploymentId).getResultList()))
                .map(rows -> rows.stream().findFirst().map(row -> new ReportedDeployment((String) row[0], (String) row[1],
                        (String) row[2], row[3] != null)));
    }

    private static Uni<Double> totalOf(String deploymentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select deployment_id, data_processed_gb from deployment where deployment_id = ?1", Object[].class)
                .setParameter(1, deploymentId).getSingleResult())
                .map(row -> ((Number) row[1]).doubleValue());
    }

    /** What a report needs to know of its deployment. */
    public record ReportedDeployment(String deploymentId, String tenantId, String componentId, boolean servedTraffic) {
    }
}
