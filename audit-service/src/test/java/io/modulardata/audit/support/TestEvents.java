package io.modulardata.audit.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import io.modulardata.events.ComponentAccessGranted;
import io.modulardata.events.ComponentAccessRevoked;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DeploymentSlot;
import io.modulardata.events.DeploymentSucceeded;
import io.modulardata.events.ComplianceConfigured;
import io.modulardata.events.KeyRotated;
import io.modulardata.events.PlatformEvents;
import io.modulardata.events.PolicyCreated;
import io.modulardata.events.PolicyUpdated;
import io.modulardata.events.SecurityEvent;
import io.modulardata.events.SubjectErased;
import io.modulardata.events.TenantKeysShredded;

/** Platform events built from the generated classes, each with a fresh eventId. */
public final class TestEvents {

    /** An event type no service knows yet, as a future producer might publish it. */
    public static final Schema FUTURE_EVENT = new Schema.Parser().parse("""
            {"type": "record", "name": "QuotaExceeded", "namespace": "io.modulardata.events.future", "fields": [
              {"name": "eventId", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "occurredAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "tenantId", "type": "string"},
              {"name": "actor", "type": "string"},
              {"name": "correlationId", "type": "string"},
              {"name": "aggregateId", "type": "string"},
              {"name": "aggregateVersion", "type": "long"},
              {"name": "quota", "type": "string"},
              {"name": "usage", "type": "double"},
              {"name": "limit", "type": ["null", "int"], "default": null}
            ]}""");

    private TestEvents() {
    }

    public static String newTenantId() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * Event times of this JVM: an hour before it started, then one millisecond later for each event. So
     * "newest first" is well defined, and no event lies after the moment a test asks about (a report's
     * period ends "now" by default) however fast events are made.
     */
    private static final AtomicLong LAST_MILLIS = new AtomicLong(
            Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.HOURS).toEpochMilli());

    private static Instant now() {
        return Instant.ofEpochMilli(LAST_MILLIS.incrementAndGet());
    }

    public static ComponentAccessGranted granted(String tenantId, String componentId, String version, String actor) {
        return ComponentAccessGranted.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor(actor).setCorrelationId("corr-" + UUID.randomUUID()).setAggregateId(tenantId).setAggregateVersion(1)
                .setComponentKey(componentId + "-" + version).setComponentId(componentId).setComponentVersion(version).build();
    }

    public static ComponentAccessRevoked revoked(String tenantId, String componentId, String version, String actor) {
        return ComponentAccessRevoked.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor(actor).setCorrelationId("corr-" + UUID.randomUUID()).setAggregateId(tenantId).setAggregateVersion(2)
                .setComponentKey(componentId + "-" + version).setComponentId(componentId).setComponentVersion(version).build();
    }

    public static SecurityEvent security(String tenantId, String kind, boolean success, Map<String, String> details) {
        return SecurityEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor("security-service").setCorrelationId("corr-" + UUID.randomUUID()).setAggregateId(tenantId)
                .setAggregateVersion(1).setEventKind(kind).setSuccess(success).setDetails(Map.copyOf(details)).build();
    }

    /** security-service's erasure of a data subject, named by its pseudonym. */
    public static SubjectErased subjectErased(String tenantId, String subjectRef) {
        Instant now = now();
        return SubjectErased.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now).setTenantId(tenantId)
                .setActor(tenantId + "-admin").setCorrelationId("corr-" + UUID.randomUUID())
                .setAggregateId("erasure-" + UUID.randomUUID()).setAggregateVersion(1).setSubjectRef(subjectRef)
                .setRequestedBy(tenantId + "-admin").setErasedAt(now).setKeysDestroyed(1).build();
    }

    public static TenantKeysShredded tenantKeysShredded(String tenantId) {
        Instant now = now();
        return TenantKeysShredded.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now).setTenantId(tenantId)
                .setActor("platform-operator").setCorrelationId("corr-" + UUID.randomUUID()).setAggregateId("shredding-" + tenantId)
                .setAggregateVersion(1).setOffboardingEventId(UUID.randomUUID().toString()).setShreddedAt(now)
                .setTenantKeyVersionsDestroyed(2).setDerivedVersions(0).setSubjectKeysDestroyed(3).build();
    }

    public static KeyRotated keyRotated(String tenantId, int keyVersion) {
        return KeyRotated.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor(tenantId + "-admin").setCorrelationId("corr-" + UUID.randomUUID()).setAggregateId(tenantId)
                .setAggregateVersion(keyVersion).setKeyVersion(keyVersion).setMinDecryptionVersion(1).build();
    }

    public static ComplianceConfigured complianceConfigured(String tenantId, String framework, String settings) {
        return ComplianceConfigured.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor(tenantId + "-admin").setCorrelationId("corr-" + UUID.randomUUID())
                .setAggregateId(tenantId + "/" + framework).setAggregateVersion(1).setFramework(framework).setSettings(settings)
                .build();
    }

    public static PolicyCreated policyCreated(String policyName) {
        return PolicyCreated.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now())
                .setTenantId(PlatformEvents.PLATFORM_TENANT).setActor("platform-admin").setCorrelationId("corr-" + UUID.randomUUID())
                .setAggregateId(policyName).setAggregateVersion(1).setDocument("{\"policyName\":\"" + policyName + "\"}").build();
    }

    public static PolicyUpdated policyUpdated(String policyName, long version, String change, String subject) {
        return PolicyUpdated.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now())
                .setTenantId(PlatformEvents.PLATFORM_TENANT).setActor("platform-admin").setCorrelationId("corr-" + UUID.randomUUID())
                .setAggregateId(policyName).setAggregateVersion(version).setChange(change).setSubject(subject)
                .setDocument("{\"policyName\":\"" + policyName + "\"}").build();
    }

    public static DeploymentSucceeded deploymentSucceeded(String tenantId, String deploymentId, DataEnvironment environment) {
        return DeploymentSucceeded.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now()).setTenantId(tenantId)
                .setActor("deployment-service").setCorrelationId("corr-" + UUID.randomUUID()).setAggregateId(deploymentId)
                .setAggregateVersion(4).setDeploymentId(deploymentId).setComponentKey("etl-core-2.1.0")
                .setEnvironment(environment).setLiveSlot(DeploymentSlot.values()[0]).build();
    }

    public static GenericRecord futureEvent(String tenantId, double usage) {
        GenericRecord record = new GenericData.Record(FUTURE_EVENT);
        record.put("eventId", UUID.randomUUID().toString());
        record.put("occurredAt", now().toEpochMilli());
        record.put("tenantId", tenantId);
        record.put("actor", "quota-service");
        record.put("correlationId", "corr-" + UUID.randomUUID());
        record.put("aggregateId", tenantId);
        record.put("aggregateVersion", 7L);
        record.put("quota", "storage");
        record.put("usage", usage);
        record.put("limit", 500);
        return record;
    }
}
