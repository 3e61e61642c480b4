package io.modulardata.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** The catalogue of platform events: every event class, its schema and the topic it travels on. */
public final class PlatformEvents {

    /** Tenant id carried by events of platform-wide aggregates such as component versions. */
    public static final String PLATFORM_TENANT = "platform";

    /** The fields every event carries, in the order they appear in each schema. */
    public static final List<String> ENVELOPE_FIELDS = List.of(
            "eventId", "occurredAt", "tenantId", "actor", "correlationId", "aggregateId", "aggregateVersion");

    private static final Map<Class<? extends SpecificRecordBase>, String> TOPIC_BY_CLASS = Map.ofEntries(
            Map.entry(TenantRegistered.class, Topics.REGISTRY_EVENTS),
            Map.entry(TenantConfigurationChanged.class, Topics.REGISTRY_EVENTS),
            Map.entry(TenantIdentityProviderChanged.class, Topics.REGISTRY_EVENTS),
            Map.entry(TenantOffboarded.class, Topics.REGISTRY_EVENTS),
            Map.entry(ComponentRegistered.class, Topics.REGISTRY_EVENTS),
            Map.entry(ComponentStatusChanged.class, Topics.REGISTRY_EVENTS),
            Map.entry(ComponentAccessGranted.class, Topics.REGISTRY_EVENTS),
            Map.entry(ComponentAccessRevoked.class, Topics.REGISTRY_EVENTS),
            Map.entry(DeploymentRequested.class, Topics.DEPLOYMENT_EVENTS),
            Map.entry(DeploymentPhaseCompleted.class, Topics.DEPLOYMENT_EVENTS),
            Map.entry(DeploymentSucceeded.class, Topics.DEPLOYMENT_EVENTS),
            Map.entry(DeploymentFailed.class, Topics.DEPLOYMENT_EVENTS),
            Map.entry(DeploymentRolledBack.class, Topics.DEPLOYMENT_EVENTS),
            Map.entry(DeploymentRemoved.class, Topics.DEPLOYMENT_EVENTS),
            Map.entry(DataProcessingReported.class, Topics.DEPLOYMENT_EVENTS),
            Map.entry(SecurityEvent.class, Topics.SECURITY_EVENTS),
            Map.entry(KeyRingCreated.class, Topics.SECURITY_EVENTS),
            Map.entry(KeyRotated.class, Topics.SECURITY_EVENTS),
            Map.entry(KeyImported.class, Topics.SECURITY_EVENTS),
            Map.entry(MinDecryptionVersionChanged.class, Topics.SECURITY_EVENTS),
            Map.entry(ComplianceConfigured.class, Topics.SECURITY_EVENTS),
            Map.entry(PolicyCreated.class, Topics.SECURITY_EVENTS),
            Map.entry(PolicyUpdated.class, Topics.SECURITY_EVENTS),
            Map.entry(SubjectErased.class, Topics.SECURITY_EVENTS),
            Map.entry(TenantKeysShredded.class, Topics.SECURITY_EVENTS));

    private static final Map<String, Class<? extends SpecificRecordBase>> CLASS_BY_NAME = TOPIC_BY_CLASS.keySet().stream()
            .collect(Collectors.toUnmodifiableMap(Class::getName, Function.identity()));

    private PlatformEvents() {
    }

    public static List<Class<? extends SpecificRecordBase>> eventClasses() {
        return CLASS_BY_NAME.keySet().stream().sorted().map(CLASS_BY_NAME::get).toList();
    }

    public static Schema schemaOf(Class<? extends SpecificRecordBase> eventClass) {
        return org.apache.avro.specific.SpecificData.get().getSchema(eventClass);
    }

    public static String topicOf(Class<? extends SpecificRecordBase> eventClass) {
        String topic = TOPIC_BY_CLASS.get(eventClass);
        if (topic == null) {
            throw new IllegalArgumentException("Not a platform event: " + eventClass.getName());
        }
        return topic;
    }

    /**
     * The earlier versions of an event's schema, kept (whole, named types inline) as
     * {@code released/<Event>-<n>.avsc} beside this class whenever a schema changes: a reader needs them
     * to decode events stored or sent before the change.
     */
    public static List<Schema> releasedSchemasOf(Class<? extends SpecificRecordBase> eventClass) {
        List<Schema> released = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = "released/" + eventClass.getSimpleName() + "-" + version + ".avsc";
            try (InputStream in = PlatformEvents.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return released;
                }
                released.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
    }

    /** Looks an event class up by its full Avro name, e.g. {@code io.modulardata.events.TenantRegistered}. */
    public static Class<? extends SpecificRecordBase> classOf(String fullName) {
        Class<? extends SpecificRecordBase> eventClass = CLASS_BY_NAME.get(fullName);
        if (eventClass == null) {
            throw new IllegalArgumentException("Unknown platform event type: " + fullName);
        }
        return eventClass;
    }
}
