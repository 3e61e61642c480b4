package io.modulardata.registry.tenant;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.problem.ApiProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Tenant commands and queries. */
@ApplicationScoped
public class TenantService {

    private final CommandRunner commands;
    private final EventRecorder recorder;

    public TenantService(CommandRunner commands, EventRecorder recorder) {
        this.commands = commands;
        this.recorder = recorder;
    }

    public Uni<TenantView> register(TenantRequest request, CommandContext context) {
        TenantConfiguration configuration = TenantValidator.forRegistration(request);
        String tenantId = request.tenantId();
        return commands.inTransaction(() -> Tenant.<Tenant>findById(tenantId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ApiProblemException.conflict("Tenant '" + tenantId + "' already exists"));
            }
            var event = TenantEvents.registered(configuration, context.metadata(tenantId, tenantId));
            return recorder.record(TenantEvents.AGGREGATE_TYPE, 0, List.of(event)).chain(() -> load(tenantId));
        }));
    }

    public Uni<TenantView> reconfigure(String tenantId, TenantRequest request, CommandContext context) {
        TenantConfiguration requested = TenantValidator.forReconfiguration(tenantId, request);
        return commands.inTransaction(() -> find(tenantId).chain(tenant -> {
            var change = TenantEvents.reconfigured(tenant.configuration(), requested,
                    context.metadata(tenantId, tenantId));
            if (change.isEmpty()) {
                return Uni.createFrom().item(TenantView.of(tenant));
            }
            return recorder.record(TenantEvents.AGGREGATE_TYPE, tenant.version, List.of(change.get()))
                    .chain(() -> load(tenantId));
        }));
    }

    @WithSession
    public Uni<TenantView> get(String tenantId) {
        return load(tenantId);
    }

    @WithSession
    public Uni<List<TenantView>> listAll() {
        return Tenant.<Tenant>list("order by tenantId").map(list -> list.stream().map(TenantView::of).toList());
    }

    /** The caller's own tenant as a list (empty for a token bound to no tenant). */
    @WithSession
    public Uni<List<TenantView>> listOwn(Optional<String> ownTenant) {
        if (ownTenant.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Tenant.<Tenant>findById(ownTenant.get())
                .map(tenant -> tenant == null ? List.<TenantView>of() : List.of(TenantView.of(tenant)));
    }

    private Uni<TenantView> load(String tenantId) {
        return find(tenantId).map(TenantView::of);
    }

    /** The tenant, or a 404 problem. */
    public static Uni<Tenant> find(String tenantId) {
        return Tenant.<Tenant>findById(tenantId)
                .onItem().ifNull().failWith(() -> ApiProblemException.notFound("Tenant", tenantId));
    }
}
