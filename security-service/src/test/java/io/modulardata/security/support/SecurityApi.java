package io.modulardata.security.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecordBase;
import org.eclipse.microprofile.config.ConfigProvider;

import io.modulardata.events.PlatformEvents;
import io.modulardata.events.SecurityEvent;
import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.events.TenantOffboarded;
import io.modulardata.events.TenantKeysShredded;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls security-service as a client does, and reads security-events as an outside consumer does. */
public final class SecurityApi {

    private SecurityApi() {
    }

    public static String newTenantId() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(TestTokens.platformAdmin());
    }

    public static String encrypt(String tenantId, String data) {
        return asAdmin().body(Map.of("data", data)).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(200).extract().path("encryptedPayload");
    }

    public static EventProbe probe() {
        var config = ConfigProvider.getConfig();
        return new EventProbe(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class),
                List.of(Topics.SECURITY_EVENTS));
    }

    /** The SecurityEvent of this kind for this tenant and correlation id. */
    public static RecordedEvent await(EventProbe probe, String tenantId, String kind, String correlationId) {
        return probe.await(e -> tenantId.equals(e.field("tenantId")) && SecurityEvent.class.getName().equals(e.type())
                && kind.equals(e.field("eventKind"))
                && correlationId.equals(e.field("correlationId")), Duration.ofSeconds(20));
    }

    /** The typed event (KeyRotated, PolicyUpdated, ...) of this type for this tenant and correlation id. */
    public static RecordedEvent await(EventProbe probe, String tenantId, Class<? extends SpecificRecordBase> type,
            String correlationId) {
        return probe.await(e -> tenantId.equals(e.field("tenantId")) && type.getName().equals(e.type())
                && correlationId.equals(e.field("correlationId")), Duration.ofSeconds(20));
    }

    /** The fields of a typed event after the envelope, as text. */
    public static Map<String, String> fields(RecordedEvent event) {
        Map<String, String> fields = new java.util.TreeMap<>();
        for (var field : event.value().getSchema().getFields()) {
            if (!PlatformEvents.ENVELOPE_FIELDS.contains(field.name())) {
                fields.put(field.name(), String.valueOf(event.value().get(field.pos())));
            }
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, String> details(RecordedEvent event) {
        Map<Object, Object> raw = (Map<Object, Object>) event.value().get("details");
        Map<String, String> details = new java.util.TreeMap<>();
        raw.forEach((k, v) -> details.put(k.toString(), v.toString()));
        return details;
    }

    /** A TenantOffboarded as registry-service records it when a platform-admin offboards the tenant. */
    public static TenantOffboarded offboarding(String tenantId) {
        return new EventMetadata(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), tenantId, "platform-operator",
                "offboarding-" + tenantId, tenantId, 3).stamp(new TenantOffboarded());
    }

    /** Plays registry-service: publishes to registry-events. */
    public static EventPublisher registryPublisher() {
        return EventPublisher.forServiceUnderTest();
    }

    /** Publishes the offboarding and returns the TenantKeysShredded security-service answers it with. */
    public static RecordedEvent offboard(TenantOffboarded offboarded) {
        String tenantId = offboarded.getTenantId();
        try (EventProbe events = probe(); EventPublisher registry = registryPublisher()) {
            registry.publish(offboarded);
            return events.await(e -> tenantId.equals(e.field("tenantId")) && TenantKeysShredded.class.getName().equals(e.type()),
                    Duration.ofSeconds(30));
        }
    }

    public static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
