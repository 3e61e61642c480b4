package io.modulardata.deployment.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.avro.specific.SpecificRecordBase;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.modulardata.events.ComponentAccessGranted;
import io.modulardata.events.ComponentAccessRevoked;
import io.modulardata.events.ComponentRegistered;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.ComponentStatusChanged;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.events.SecurityClearance;
import io.modulardata.events.TenantOffboarded;
import io.modulardata.events.TenantRegistered;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.kit.events.EventMetadata;

/**
 * Plays registry-service in tests: publishes its events to registry-events the way its outbox relay does.
 * A bean, so that the application under test owns its producer: made when a test first injects it, closed
 * when the application stops, without set-up and tear-down in every test class.
 */
@Singleton
public final class RegistryEventsPublisher {

    public static final String TOPIC = "registry-events";

    private final EventPublisher publisher;

    @Inject
    RegistryEventsPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.apicurio.registry.url") String registryUrl) {
        publisher = new EventPublisher(bootstrapServers, registryUrl);
    }

    public static EventMetadata metadata(String tenantId, String aggregateId, long version) {
        return new EventMetadata(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), tenantId, "test-admin",
                "test-" + UUID.randomUUID(), aggregateId, version);
    }

    public void publish(SpecificRecordBase event) {
        publisher.publish(TOPIC, event);
    }

    /** A PROFESSIONAL tenant with 500 GB of data storage. */
    public TenantRegistered tenantRegistered(String tenantId, int maxConcurrentJobs, List<DataEnvironment> environments) {
        return tenantRegistered(tenantId, maxConcurrentJobs, environments, DataProcessingTier.PROFESSIONAL, 500, Map.of());
    }

    public TenantRegistered tenantRegistered(String tenantId, int maxConcurrentJobs, List<DataEnvironment> environments,
            DataProcessingTier tier, Integer dataStorageQuotaGb, Map<String, String> customLimits) {
        TenantRegistered e = new TenantRegistered();
        e.setTenantName("Tenant " + tenantId);
        e.setDataProcessingTier(tier);
        e.setMaxConcurrentJobs(maxConcurrentJobs);
        e.setAllowedDataEnvironments(environments);
        e.setDataStorageQuotaGb(dataStorageQuotaGb);
        e.setCustomDataProcessingLimits(customLimits);
        return metadata(tenantId, tenantId, 1).stamp(e);
    }

    /** A PROFESSIONAL tenant with the given data storage quota and monthly processing hours (null: unlimited). */
    public TenantRegistered tenantWithQuotas(String tenantId, int maxConcurrentJobs, List<DataEnvironment> environments,
            Integer dataStorageQuotaGb, Integer maxMonthlyProcessingHours) {
        TenantRegistered e = tenantRegistered(tenantId, maxConcurrentJobs, environments, DataProcessingTier.PROFESSIONAL,
                dataStorageQuotaGb, Map.of());
        e.setMaxMonthlyProcessingHours(maxMonthlyProcessingHours);
        return e;
    }

    /** A version declaring {@code containerImages} (none: it cannot be deployed). */
    public ComponentRegistered componentRegistered(String componentId, String version, String... containerImages) {
        ComponentRegistered e = new ComponentRegistered();
        e.setComponentId(componentId);
        e.setComponentName(componentId);
        e.setComponentVersion(version);
        e.setComponentKey(componentId + "-" + version);
        e.setComponentHash("0123456789abcdef");
        e.setDataProcessingCapabilities(List.of("transform"));
        e.setSupportedDataFormats(List.of("csv"));
        e.setResourceRequirements(Map.of());
        e.setSecurityClearanceLevel(SecurityClearance.INTERNAL);
        e.setComplianceCertifications(List.of());
        e.setDependencies(List.of());
        e.setDataLineageTracking(false);
        e.setStatus(ComponentStatus.ACTIVE);
        e.setContainerImages(List.of(containerImages));
        return metadata("platform", componentId + "-" + version, 1).stamp(e);
    }

    public ComponentStatusChanged statusChanged(String componentId, String version, ComponentStatus from, ComponentStatus to, long aggregateVersion) {
        ComponentStatusChanged e = new ComponentStatusChanged();
        e.setComponentId(componentId);
        e.setComponentVersion(version);
        e.setComponentKey(componentId + "-" + version);
        e.setPreviousStatus(from);
        e.setNewStatus(to);
        return metadata("platform", componentId + "-" + version, aggregateVersion).stamp(e);
    }

    public ComponentAccessGranted granted(String tenantId, String componentId, String version, long aggregateVersion) {
        ComponentAccessGranted e = new ComponentAccessGranted();
        e.setComponentId(componentId);
        e.setComponentVersion(version);
        e.setComponentKey(componentId + "-" + version);
        return metadata(tenantId, tenantId, aggregateVersion).stamp(e);
    }

    public ComponentAccessRevoked revoked(String tenantId, String componentId, String version, long aggregateVersion) {
        ComponentAccessRevoked e = new ComponentAccessRevoked();
        e.setComponentId(componentId);
        e.setComponentVersion(version);
        e.setComponentKey(componentId + "-" + version);
        return metadata(tenantId, tenantId, aggregateVersion).stamp(e);
    }

    /** The tenant left the platform (DELETE /tenants/{tenantId} on registry-service). */
    public TenantOffboarded offboarded(String tenantId, long aggregateVersion) {
        return metadata(tenantId, tenantId, aggregateVersion).stamp(new TenantOffboarded());
    }

    @PreDestroy
    void close() {
        publisher.close();
    }
}
