package io.modulardata.registry.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

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
        RequestedTenant requested = TenantValidator.forRegistration(request);
        String tenantId = request.tenantId();
        return commands.inTransaction(() -> Tenant.<Tenant>findById(tenantId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ApiProblemException.conflict("Tenant '" + tenantId + "' already exists"));
            }
            List<SpecificRecordBase> events = new ArrayList<>();
            events.add(TenantEvents.registered(requested.configuration(), context.metadata(tenantId, tenantId)));
            TenantEvents.identityProviderChanged(null, requested.identityProvider(), context.metadata(tenantId, tenantId))
                    .ifPresent(events::add);
            return requireIssuerFree(tenantId, requested.identityProvider())
                    .chain(() -> recorder.record(TenantEvents.AGGREGATE_TYPE, 0, events))
                    .chain(() -> load(tenantId));
        }));
    }

    public Uni<TenantView> reconfigure(String tenantId, TenantRequest request, CommandContext context) {
        RequestedTenant requested = TenantValidator.forReconfiguration(tenantId, request);
        return commands.inTransaction(() -> findActive(tenantId).chain(tenant -> {
            List<SpecificRecordBase> events = new ArrayList<>();
            TenantEvents.reconfigured(tenant.configuration(), requested.configuration(), context.metadata(tenantId, tenantId))
                    .ifPresent(events::add);
            TenantEvents.identityProviderChanged(tenant.identityProvider(), requested.identityProvider(),
                    context.metadata(tenantId, tenantId)).ifPresent(events::add);
            if (events.isEmpty()) {
                return Uni.createFrom().item(TenantView.of(tenant));
            }
            return requireIssuerFree(tenantId, requested.identityProvider())
                    .chain(() -> recorder.record(TenantEvents.AGGREGATE_TYPE, tenant.version, events))
                    .chain(() -> load(tenantId));
        }));
    }

    /**
     * Offboards the tenant: TenantOffboarded (after removing its own identity provider, if any). Final; a repeat
     * answers the same and records nothing.
     */
    public Uni<TenantView> offboard(String tenantId, CommandContext context) {
        return commands.inTransaction(() -> find(tenantId).chain(tenant -> {
            if (tenant.offboarded()) {
                return Uni.createFrom().item(TenantView.of(tenant));
            }
            return recorder.record(TenantEvents.AGGREGATE_TYPE, tenant.version,
                            TenantEvents.offboarded(tenant, () -> context.metadata(tenantId, tenantId)))
                    .chain(() -> load(tenantId));
        }));
    }

    /** An issuer names the tenant its tokens belong to, so two tenants cannot share one. */
    private static Uni<Void> requireIssuerFree(String tenantId, IdentityProvider provider) {
        if (provider == null) {
            return Uni.createFrom().voidItem();
        }
        String issuer = provider.comparableIssuer();
        return Tenant.count("identityProviderIssuer in ?1 and tenantId <> ?2", List.of(issuer, issuer + "/"), tenantId)
                .chain(owners -> owners == 0 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ApiProblemException.conflict("identityProvider.issuer",
                                "another tenant already has the identity provider '" + provider.issuer() + "'")));
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

    /** The tenant for a command: a 404 problem when unknown, 410 tenant-offboarded when it left the platform. */
    public static Uni<Tenant> findActive(String tenantId) {
        return find(tenantId).invoke(tenant -> {
            if (tenant.offboarded()) {
                throw ApiProblemException.tenantOffboarded(tenantId);
            }
        });
    }
}
