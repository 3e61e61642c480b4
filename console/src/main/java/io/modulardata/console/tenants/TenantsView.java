package io.modulardata.console.tenants;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.console.ingest.PlatformEvent;
import io.modulardata.console.ingest.Projection;
import io.modulardata.console.signin.Scope;

/**
 * Tenants from registry-events (configuration, grants) and security-events (key versions, compliance
 * frameworks). Only registered tenants are listed; security events of a tenant not (yet) registered are
 * kept for when it is.
 */
@ApplicationScoped
public class TenantsView implements Projection {

    private final Map<String, State> tenants = new TreeMap<>();

    @Override
    public synchronized void apply(PlatformEvent event) {
        switch (event.type()) {
            case "TenantRegistered", "TenantConfigurationChanged" -> state(event.tenantId()).configure(event);
            case "ComponentAccessGranted" -> state(event.tenantId()).grants.put(event.textOr("componentKey", ""),
                    new Tenant.Grant(event.textOr("componentKey", ""), event.textOr("componentId", ""),
                            event.textOr("componentVersion", ""), event.occurredAt(), event.actor()));
            case "ComponentAccessRevoked" -> state(event.tenantId()).grants.remove(event.textOr("componentKey", ""));
            case "SecurityEvent" -> security(event);
            default -> {
                // Other events do not change a tenant.
            }
        }
    }

    private void security(PlatformEvent event) {
        String kind = event.textOr("eventKind", "");
        Map<String, Object> details = event.map("details");
        switch (kind) {
            case "key_created", "key_rotated", "key_imported" -> {
                Object version = details.get("keyVersion");
                if (version != null) {
                    state(event.tenantId()).keyVersions.add(new Tenant.KeyVersion(Integer.parseInt(version.toString()),
                            String.valueOf(details.getOrDefault("origin", "")), event.occurredAt(), kind));
                }
            }
            case "key_config_changed" -> {
                Object minimum = details.get("minDecryptionVersion");
                if (minimum != null) {
                    state(event.tenantId()).minDecryptionVersion = Integer.parseInt(minimum.toString());
                }
            }
            case "compliance_configuration" -> {
                String framework = String.valueOf(details.getOrDefault("framework", "?"));
                state(event.tenantId()).frameworks.put(framework, new Tenant.Framework(framework, event.occurredAt(),
                        event.actor(), String.valueOf(details.getOrDefault("settings", ""))));
            }
            default -> {
                // Operations (encrypt, decrypt, views) change no tenant state.
            }
        }
    }

    /** Registered tenants the scope may see, by id. */
    public synchronized List<Tenant> list(Scope scope) {
        return tenants.values().stream().filter(state -> state.registeredAt != null && scope.sees(state.tenantId))
                .map(State::snapshot).toList();
    }

    /** The tenant, if it is registered and the scope may see it (otherwise nothing, as for an unknown one). */
    public synchronized Optional<Tenant> find(String tenantId, Scope scope) {
        State state = tenants.get(tenantId);
        if (state == null || state.registeredAt == null || !scope.sees(tenantId)) {
            return Optional.empty();
        }
        return Optional.of(state.snapshot());
    }

    private State state(String tenantId) {
        return tenants.computeIfAbsent(tenantId, State::new);
    }

    private static final class State {
        private final String tenantId;
        private String name = "";
        private String tier = "";
        private int maxConcurrentJobs;
        private Integer maxMonthlyProcessingHours;
        private List<String> allowedEnvironments = List.of();
        private Integer storageQuotaGb;
        private Map<String, Object> customLimits = Map.of();
        private Instant registeredAt;
        private Instant updatedAt;
        private final Map<String, Tenant.Grant> grants = new TreeMap<>();
        private final List<Tenant.KeyVersion> keyVersions = new ArrayList<>();
        private Integer minDecryptionVersion;
        private final Map<String, Tenant.Framework> frameworks = new TreeMap<>();

        State(String tenantId) {
            this.tenantId = tenantId;
        }

        void configure(PlatformEvent event) {
            name = event.textOr("tenantName", "");
            tier = event.textOr("dataProcessingTier", "");
            maxConcurrentJobs = event.number("maxConcurrentJobs").orElse(0L).intValue();
            maxMonthlyProcessingHours = event.number("maxMonthlyProcessingHours").map(Long::intValue).orElse(null);
            allowedEnvironments = event.texts("allowedDataEnvironments");
            storageQuotaGb = event.number("dataStorageQuotaGb").map(Long::intValue).orElse(null);
            customLimits = Map.copyOf(event.map("customDataProcessingLimits"));
            if (registeredAt == null) {
                registeredAt = event.occurredAt();
            }
            updatedAt = event.occurredAt();
        }

        Tenant snapshot() {
            return new Tenant(tenantId, name, tier, maxConcurrentJobs, maxMonthlyProcessingHours, allowedEnvironments,
                    storageQuotaGb, new TreeMap<>(customLimits), registeredAt, updatedAt, List.copyOf(grants.values()),
                    List.copyOf(keyVersions), minDecryptionVersion, List.copyOf(frameworks.values()));
        }
    }
}
