package io.modulardata.registry.discovery;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.events.ComponentStatus;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.registry.component.ComponentView;
import io.modulardata.registry.component.SemanticVersions;
import io.smallrye.mutiny.Uni;

/** Finds the component versions a tenant may use that fit its needs. */
@ApplicationScoped
public class DiscoveryService {

    /** SUNSET and ARCHIVED versions can no longer be deployed, so discovery does not offer them. */
    static final List<ComponentStatus> DISCOVERABLE = List.of(ComponentStatus.ACTIVE, ComponentStatus.DEPRECATED);

    private final GrantedComponents granted;

    public DiscoveryService(GrantedComponents granted) {
        this.granted = granted;
    }

    public Uni<List<ComponentView>> discover(String tenantId, DiscoveryQuery query) {
        return granted.matching(tenantId, DISCOVERABLE, query)
                .map(found -> found.orElseThrow(() -> ApiProblemException.notFound("Tenant", tenantId)).stream()
                        .sorted(Comparator.comparing(ComponentView::componentId)
                                .thenComparing(ComponentView::componentVersion, SemanticVersions.PRECEDENCE.reversed()))
                        .toList());
    }
}
