package io.modulardata.console.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.console.ingest.PlatformEvent;
import io.modulardata.console.ingest.Projection;
import io.modulardata.console.signin.Scope;

/**
 * Components and their versions from registry-events, with each version's lifecycle and the tenants that
 * hold a grant to it. A tenant's users see only the versions granted to their tenant, and only their own grant.
 */
@ApplicationScoped
public class CatalogView implements Projection {

    private final Map<String, Map<String, State>> components = new TreeMap<>();
    private final Map<String, Set<String>> grants = new TreeMap<>();

    @Override
    public synchronized void apply(PlatformEvent event) {
        switch (event.type()) {
            case "ComponentRegistered" -> {
                State version = new State(event);
                components.computeIfAbsent(version.componentId, id -> new TreeMap<>(VersionOrder.INSTANCE))
                        .putIfAbsent(version.componentVersion, version);
            }
            case "ComponentStatusChanged" -> find(event.textOr("componentId", ""), event.textOr("componentVersion", ""))
                    .ifPresent(version -> {
                        version.status = event.textOr("newStatus", version.status);
                        version.statusChangedAt = event.occurredAt();
                    });
            case "ComponentAccessGranted" -> grants.computeIfAbsent(event.textOr("componentKey", ""), key -> new TreeSet<>())
                    .add(event.tenantId());
            case "ComponentAccessRevoked" -> grants.getOrDefault(event.textOr("componentKey", ""), new TreeSet<>())
                    .remove(event.tenantId());
            default -> {
                // Other events do not change the catalog.
            }
        }
    }

    /** Components with the versions the scope may see (all, or those granted to its tenant). */
    public synchronized List<Component> list(Scope scope) {
        List<Component> visible = new ArrayList<>();
        for (Map<String, State> versions : components.values()) {
            List<ComponentVersion> shown = versions.values().stream()
                    .filter(version -> scope.allTenants() || grantedTo(version.componentKey).contains(scope.tenant()))
                    .map(version -> version.snapshot(grantedTo(version.componentKey).stream().filter(scope::sees).toList()))
                    .toList();
            if (!shown.isEmpty()) {
                visible.add(new Component(shown.get(0).componentId(), shown.get(shown.size() - 1).componentName(), shown));
            }
        }
        return visible;
    }

    public synchronized int versionCount() {
        return components.values().stream().mapToInt(Map::size).sum();
    }

    private Set<String> grantedTo(String componentKey) {
        return grants.getOrDefault(componentKey, Set.of());
    }

    private Optional<State> find(String componentId, String version) {
        return Optional.ofNullable(components.getOrDefault(componentId, Map.of()).get(version));
    }

    private static final class State {
        private final String componentKey;
        private final String componentId;
        private final String componentName;
        private final String componentVersion;
        private String status;
        private final List<String> capabilities;
        private final List<String> formats;
        private final String clearance;
        private final List<String> certifications;
        private final List<String> containerImages;
        private final Instant registeredAt;
        private Instant statusChangedAt;

        State(PlatformEvent event) {
            componentKey = event.textOr("componentKey", "");
            componentId = event.textOr("componentId", "");
            componentName = event.textOr("componentName", "");
            componentVersion = event.textOr("componentVersion", "");
            status = event.textOr("status", "ACTIVE");
            capabilities = event.texts("dataProcessingCapabilities");
            formats = event.texts("supportedDataFormats");
            clearance = event.textOr("securityClearanceLevel", "");
            certifications = event.texts("complianceCertifications");
            containerImages = event.texts("containerImages");
            registeredAt = event.occurredAt();
            statusChangedAt = event.occurredAt();
        }

        ComponentVersion snapshot(List<String> grantedTo) {
            return new ComponentVersion(componentKey, componentId, componentName, componentVersion, status, capabilities,
                    formats, clearance, certifications, containerImages, registeredAt, statusChangedAt, grantedTo);
        }
    }
}
