package io.modulardata.registry.discovery;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.events.ComponentStatus;
import io.modulardata.registry.component.ComponentVersion;
import io.modulardata.registry.component.ComponentView;
import io.modulardata.registry.component.SemanticVersions;
import io.modulardata.registry.tenant.TenantService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Finds the component versions a tenant may use that fit its needs. */
@ApplicationScoped
public class DiscoveryService {

    /** SUNSET and ARCHIVED versions can no longer be deployed, so discovery does not offer them. */
    static final List<ComponentStatus> DISCOVERABLE = List.of(ComponentStatus.ACTIVE, ComponentStatus.DEPRECATED);

    private static final String GRANTED_COMPONENTS = """
            select c from ComponentVersion c, ComponentGrant g
            where g.tenantId = ?1 and g.componentKey = c.componentKey and c.status in ?2
            """;

    @WithSession
    public Uni<List<ComponentView>> discover(String tenantId, DiscoveryQuery query) {
        return TenantService.find(tenantId)
                .chain(tenant -> ComponentVersion.<ComponentVersion>list(GRANTED_COMPONENTS, tenantId, DISCOVERABLE))
                .map(granted -> granted.stream()
                        .filter(c -> DiscoveryMatcher.matches(query, c.dataProcessingCapabilities, c.supportedDataFormats,
                                c.securityClearanceLevel))
                        .sorted(Comparator.comparing((ComponentVersion c) -> c.componentId)
                                .thenComparing(c -> c.componentVersion, SemanticVersions.PRECEDENCE.reversed()))
                        .map(ComponentView::of)
                        .toList());
    }
}
