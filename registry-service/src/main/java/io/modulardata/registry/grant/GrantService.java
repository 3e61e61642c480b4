package io.modulardata.registry.grant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.registry.component.ComponentService;
import io.modulardata.registry.tenant.TenantEvents;
import io.modulardata.registry.tenant.TenantService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Grants and revokes tenants' access to component versions. */
@ApplicationScoped
public class GrantService {

    private final CommandRunner commands;
    private final EventRecorder recorder;

    public GrantService(CommandRunner commands, EventRecorder recorder) {
        this.commands = commands;
        this.recorder = recorder;
    }

    /** Grants access; granting again changes nothing. */
    public Uni<GrantResult> grant(String tenantId, String componentKey, CommandContext context) {
        return commands.inTransaction(() -> TenantService.findActive(tenantId).chain(tenant -> ComponentService.find(componentKey)
                .chain(component -> findGrant(tenantId, componentKey).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().item(new GrantResult(GrantView.of(existing), false));
                    }
                    var event = GrantEvents.granted(component, context.metadata(tenantId, tenantId));
                    return recorder.record(TenantEvents.AGGREGATE_TYPE, tenant.version, List.of(event))
                            .chain(() -> findGrant(tenantId, componentKey))
                            .map(grant -> new GrantResult(GrantView.of(grant), true));
                }))));
    }

    public Uni<Void> revoke(String tenantId, String componentKey, CommandContext context) {
        return commands.inTransaction(() -> TenantService.findActive(tenantId).chain(tenant -> findGrant(tenantId, componentKey)
                .onItem().ifNull().failWith(() -> ApiProblemException.notFound("Grant of component version", componentKey))
                .chain(grant -> ComponentService.find(componentKey))
                .chain(component -> recorder.record(TenantEvents.AGGREGATE_TYPE, tenant.version,
                        List.of(GrantEvents.revoked(component, context.metadata(tenantId, tenantId)))))));
    }

    @WithSession
    public Uni<List<GrantView>> grants(String tenantId) {
        return TenantService.find(tenantId)
                .chain(tenant -> ComponentGrant.<ComponentGrant>list("tenantId = ?1 order by componentKey", tenantId))
                .map(grants -> grants.stream().map(GrantView::of).toList());
    }

    private static Uni<ComponentGrant> findGrant(String tenantId, String componentKey) {
        return ComponentGrant.findById(new ComponentGrant.Key(tenantId, componentKey));
    }

    /** The grant, and whether this call created it. */
    public record GrantResult(GrantView grant, boolean created) {
    }
}
