package io.modulardata.deployment.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.deployment.manifest.ManifestRenderer;
import io.modulardata.deployment.manifest.ManifestYaml;
import io.modulardata.deployment.registry.RegistryFacts;
import io.modulardata.deployment.registry.TenantFacts;
import io.modulardata.deployment.rollout.Rollout;
import io.modulardata.deployment.rollout.RolloutExecutor;
import io.modulardata.deployment.tenancy.DeployRefusal;
import io.modulardata.deployment.tenancy.DeployRefusedException;
import io.modulardata.deployment.tenancy.DeployRules;
import io.modulardata.deployment.tenancy.TenantQuotas;
import io.modulardata.deployment.tenancy.WorkloadRules;
import io.modulardata.events.DeploymentSlot;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.problem.ApiProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Deployment commands and queries. The commands of an offboarded tenant answer 410 and change nothing;
 * its queries keep answering. A second rollout of a component while one is in progress for the
 * same tenant is refused with 409 (not queued): the caller sees at once that it has to wait or roll back.
 */
@ApplicationScoped
public class DeploymentService {

    private final CommandRunner commands;
    private final EventRecorder recorder;
    private final RegistryFacts facts;
    private final DeploymentQueries queries;
    private final DeploymentEnvironments environments;
    private final RolloutExecutor executor;

    public DeploymentService(CommandRunner commands, EventRecorder recorder, RegistryFacts facts, DeploymentQueries queries,
            DeploymentEnvironments environments, RolloutExecutor executor) {
        this.commands = commands;
        this.executor = executor;
        this.recorder = recorder;
        this.facts = facts;
        this.queries = queries;
        this.environments = environments;
    }

    /**
     * The tenant's row is locked first (see {@link RegistryFacts#tenantLocked}): deploys of one tenant are
     * checked and recorded one at a time, so concurrent requests cannot together exceed maxConcurrentJobs
     * or dataStorageQuotaGb. Other tenants' deploys do not wait.
     */
    public Uni<DeploymentAccepted> deploy(String tenantId, DeploymentRequest request, CommandContext context) {
        DeploymentSpec spec = DeploymentValidator.validate(tenantId, request);
        String deploymentId = UUID.randomUUID().toString();
        return commands.inTransaction(() -> facts.tenantLocked(tenantId).call(() -> facts.requireNotOffboarded(tenantId))
                .chain(tenant -> facts.isGranted(tenantId, spec.componentKey())
                .chain(granted -> facts.component(spec.componentKey())
                .chain(component -> queries.busyComponents(tenantId)
                .chain(busy -> queries.inProgress(tenantId, spec.componentId())
                .chain(running -> queries.usage(tenantId)
                .chain(usage -> queries.componentUsingContainerName(tenantId, spec.container().getContainerName(), spec.componentId())
                .chain(sameNames -> {
                    List<String> warnings = DeployRules.check(tenantId, tenant.orElse(null), spec.environment(), spec.componentId(),
                            spec.componentKey(), granted, component.orElse(null), busy);
                    WorkloadRules.check(tenant.orElseThrow(), component.orElse(null), spec.componentKey(), spec.container());
                    if (running.isPresent()) {
                        return Uni.createFrom().failure(new DeployRefusedException(new DeployRefusal(409, "rollout-in-progress",
                                "componentId", "Deployment '" + running.get() + "' of " + spec.componentId()
                                + " is still rolling out for tenant '" + tenantId + "'; wait for it to finish or roll it back")));
                    }
                    if (sameNames.isPresent()) {
                        return Uni.createFrom().failure(new DeployRefusedException(new DeployRefusal(409, "container-name-taken",
                                "container.containerName", "Component '" + sameNames.get() + "' of tenant '" + tenantId
                                + "' already runs as container '" + spec.container().getContainerName()
                                + "'; its Kubernetes objects have the names this one's would get: choose another containerName")));
                    }
                    TenantQuotas.check(tenant.orElseThrow(), usage, spec.container().getStorageGb());
                    return record(tenantId, deploymentId, spec, warnings, context);
                })))))))).invoke(executor::wake);
    }

    private Uni<DeploymentAccepted> record(String tenantId, String deploymentId, DeploymentSpec spec, List<String> warnings,
            CommandContext context) {
        return queries.live(tenantId, spec.componentId()).chain(live -> {
            var event = Rollout.request(tenantId, deploymentId, spec, live.map(DeploymentQueries.LiveDeployment::slot),
                    live.map(DeploymentQueries.LiveDeployment::deploymentId), warnings, context);
            return recorder.record(Rollout.AGGREGATE_TYPE, 0, List.of(event))
                    .chain(() -> environments.store(deploymentId, spec.environmentVariables()))
                    .replaceWith(new DeploymentAccepted(deploymentId, "REQUESTED", event.getTargetSlot().name(),
                            warnings, DeploymentQueries.links(deploymentId)));
        });
    }

    public Uni<DeploymentView> rollBack(String deploymentId, String reason, CommandContext context) {
        return commands.inTransaction(() -> queries.rollout(deploymentId).chain(found -> {
            Rollout rollout = found.orElseThrow(() -> ApiProblemException.notFound("Deployment", deploymentId));
            return facts.requireNotOffboarded(rollout.tenantId()).chain(() -> {
                var event = rollout.rollBack(reason == null || reason.isBlank() ? "rolled back by " + context.actor() : reason,
                        Instant.now(), context);
                return recorder.record(Rollout.AGGREGATE_TYPE, rollout.version(), List.of(event));
            }).chain(() -> queries.find(deploymentId)).map(Optional::orElseThrow);
        })).invoke(executor::wake);
    }

    /**
     * The manifests a deploy would apply (as they are once traffic was switched); changes nothing. The
     * tenant must be known (its tier sizes the namespace) and the container within the tier's maxima;
     * grants and images are checked by the deploy only.
     */
    @WithSession
    public Uni<String> preview(String tenantId, DeploymentRequest request) {
        DeploymentSpec spec = DeploymentValidator.validate(tenantId, request);
        return facts.tenant(tenantId).chain(found -> {
            TenantFacts tenant = DeployRules.requireKnown(tenantId, found.orElse(null));
            WorkloadRules.checkResources(tenant, spec.container());
            return queries.live(tenantId, spec.componentId()).map(live -> {
                DeploymentSlot target = live.map(l -> Rollout.other(l.slot())).orElse(DeploymentSlot.BLUE);
                return ManifestYaml.of(ManifestRenderer.render(tenant, spec.componentId(), spec.container(), spec.environmentVariables(),
                        target, target));
            });
        });
    }

    @WithSession
    public Uni<DeploymentView> get(String deploymentId) {
        return queries.find(deploymentId).map(found -> found.orElseThrow(() -> ApiProblemException.notFound("Deployment", deploymentId)));
    }

    @WithSession
    public Uni<List<DeploymentView>> history(String tenantId) {
        return queries.history(tenantId);
    }
}
