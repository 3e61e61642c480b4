package io.modulardata.console.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.modulardata.console.ingest.EventDecoder;
import io.modulardata.console.ingest.PlatformEvent;
import io.modulardata.events.ComponentAccessGranted;
import io.modulardata.events.ComponentRegistered;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.ComponentStatusChanged;
import io.modulardata.events.ContainerSpec;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.events.DeploymentPhase;
import io.modulardata.events.DeploymentPhaseCompleted;
import io.modulardata.events.DeploymentRequested;
import io.modulardata.events.DeploymentRolledBack;
import io.modulardata.events.DeploymentSlot;
import io.modulardata.events.DeploymentSucceeded;
import io.modulardata.events.SecurityClearance;
import io.modulardata.events.SecurityEvent;
import io.modulardata.events.TenantRegistered;
import io.modulardata.events.ValidationSpec;
import io.modulardata.fixtures.EventPublisher;

/** Platform events built from the generated classes (as the services build them), each with a fresh eventId. */
public final class Events {

    /** A publisher to the Kafka and registry the console under test reads, as the services' outbox relays publish. */
    public static EventPublisher publisher() {
        Config config = ConfigProvider.getConfig();
        return new EventPublisher(config.getValue("console.kafka-bootstrap-servers", String.class),
                config.getValue("console.registry-url", String.class));
    }

    private Events() {
    }

    public static String newTenantId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static TenantRegistered tenantRegistered(String tenantId, String name, int maxConcurrentJobs) {
        return TenantRegistered.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor("test-admin").setCorrelationId(correlation()).setAggregateId(tenantId).setAggregateVersion(1)
                .setTenantName(name).setDataProcessingTier(DataProcessingTier.PROFESSIONAL).setMaxConcurrentJobs(maxConcurrentJobs)
                .setMaxMonthlyProcessingHours(null).setAllowedDataEnvironments(List.of(DataEnvironment.STAGING))
                .setDataStorageQuotaGb(100).setCustomDataProcessingLimits(Map.of("maxRowsPerJob", "1000")).build();
    }

    public static ComponentRegistered componentRegistered(String componentId, String version) {
        return ComponentRegistered.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId("platform")
                .setActor("test-admin").setCorrelationId(correlation()).setAggregateId(componentId + "-" + version)
                .setAggregateVersion(1).setComponentId(componentId).setComponentName("Component " + componentId)
                .setComponentVersion(version).setComponentKey(componentId + "-" + version).setComponentHash("0123456789abcdef")
                .setDataProcessingCapabilities(List.of("transform")).setSupportedDataFormats(List.of("csv"))
                .setResourceRequirements(Map.of("cpu", "1")).setSecurityClearanceLevel(SecurityClearance.INTERNAL)
                .setComplianceCertifications(List.of("SOC2")).setDependencies(List.of()).setDataLineageTracking(false)
                .setStatus(ComponentStatus.ACTIVE).build();
    }

    public static ComponentStatusChanged statusChanged(String componentId, String version, ComponentStatus to) {
        return ComponentStatusChanged.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId("platform")
                .setActor("test-admin").setCorrelationId(correlation()).setAggregateId(componentId + "-" + version)
                .setAggregateVersion(2).setComponentId(componentId).setComponentVersion(version)
                .setComponentKey(componentId + "-" + version).setPreviousStatus(ComponentStatus.ACTIVE).setNewStatus(to).build();
    }

    public static ComponentAccessGranted granted(String tenantId, String componentId, String version) {
        return ComponentAccessGranted.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor("test-admin").setCorrelationId(correlation()).setAggregateId(tenantId).setAggregateVersion(2)
                .setComponentKey(componentId + "-" + version).setComponentId(componentId).setComponentVersion(version).build();
    }

    public static DeploymentRequested deploymentRequested(String tenantId, String deploymentId, String componentId,
            String version, String previousDeploymentId) {
        ContainerSpec container = ContainerSpec.newBuilder().setImageName("registry.example.com/data/" + componentId)
                .setImageTag(version).setContainerName("etl").setCpuCores(0.5).setMemoryGb(4.0).setStorageGb(20.0)
                .setGpuRequired(false).setGpuMemoryGb(null).setEnvironmentVariableNames(List.of()).setDataVolumes(List.of())
                .setMinReplicas(1).setMaxReplicas(3).setAutoScalingEnabled(true).setScalingMetrics(List.of("cpu"))
                .setSecurityContext(Map.of()).build();
        return DeploymentRequested.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor("test-admin").setCorrelationId(correlation()).setAggregateId(deploymentId).setAggregateVersion(1)
                .setDeploymentId(deploymentId).setComponentId(componentId).setComponentVersion(version)
                .setComponentKey(componentId + "-" + version).setEnvironment(DataEnvironment.STAGING).setContainer(container)
                .setValidation(ValidationSpec.newBuilder().setReadinessTimeoutSeconds(300).setScaleDownDelaySeconds(30).build())
                .setTargetSlot(previousDeploymentId == null ? DeploymentSlot.BLUE : DeploymentSlot.GREEN)
                .setPreviousDeploymentId(previousDeploymentId).setWarnings(List.of()).build();
    }

    public static DeploymentPhaseCompleted phase(String tenantId, String deploymentId, DeploymentPhase phase, long version) {
        return DeploymentPhaseCompleted.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor("deployment-service").setCorrelationId(correlation()).setAggregateId(deploymentId)
                .setAggregateVersion(version).setDeploymentId(deploymentId).setPhase(phase).setSlot(DeploymentSlot.BLUE)
                .setDetails(Map.of()).build();
    }

    public static DeploymentSucceeded succeeded(String tenantId, String deploymentId, String componentKey) {
        return DeploymentSucceeded.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor("deployment-service").setCorrelationId(correlation()).setAggregateId(deploymentId)
                .setAggregateVersion(6).setDeploymentId(deploymentId).setComponentKey(componentKey)
                .setEnvironment(DataEnvironment.STAGING).setLiveSlot(DeploymentSlot.BLUE).build();
    }

    public static DeploymentRolledBack rolledBack(String tenantId, String deploymentId, String restoredDeploymentId) {
        return DeploymentRolledBack.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor("test-admin").setCorrelationId(correlation()).setAggregateId(deploymentId).setAggregateVersion(5)
                .setDeploymentId(deploymentId).setRestoredSlot(DeploymentSlot.BLUE).setRestoredDeploymentId(restoredDeploymentId)
                .setReason("wrong numbers").build();
    }

    public static SecurityEvent security(String tenantId, String kind, Map<String, String> details) {
        return SecurityEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor("security-service").setCorrelationId(correlation()).setAggregateId(tenantId).setAggregateVersion(1)
                .setEventKind(kind).setSuccess(true).setDetails(Map.copyOf(details)).build();
    }

    /** The event as the console decodes it from its topic (a generated record is a GenericRecord too). */
    public static PlatformEvent decoded(String topic, GenericRecord record) {
        return EventDecoder.decode(topic, 0, 0, record);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String correlation() {
        return "test-" + UUID.randomUUID();
    }
}
