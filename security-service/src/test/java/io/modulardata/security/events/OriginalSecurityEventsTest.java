package io.modulardata.security.events;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.encrypt;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

import io.modulardata.events.ComplianceConfigured;
import io.modulardata.events.KeyImported;
import io.modulardata.events.KeyRingCreated;
import io.modulardata.events.KeyRotated;
import io.modulardata.events.MinDecryptionVersionChanged;
import io.modulardata.events.PolicyCreated;
import io.modulardata.events.PolicyUpdated;
import io.modulardata.events.SecurityEvent;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.kit.events.AvroEventCodec;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.eventstore.EventStore;
import io.modulardata.security.compliance.ComplianceService;
import io.modulardata.security.keys.KeyEvents;
import io.modulardata.security.policy.PolicyService;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A log written before key-ring, compliance and policy changes became typed events holds them as
 * {@code SecurityEvent{eventKind, details}}. The same history written in that old form rebuilds the same
 * key ring, compliance settings and policy as the typed events the service records today.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class OriginalSecurityEventsTest {

    @Inject
    EventStore eventStore;

    @Inject
    Pool pool;

    @Test
    void aRebuildOverOldFormEventsGivesTheStateTheTypedEventsGive() throws Throwable {
        // Today's path: typed events for tenant `live` and policy `livePolicy`.
        String live = newTenantId();
        String livePolicy = "p" + UUID.randomUUID().toString().substring(0, 8);
        encrypt(live, "creates the ring");
        asAdmin().post("/tenants/{t}/keys/rotate", live).then().statusCode(200);
        asAdmin().body(Map.of("minDecryptionVersion", 2)).put("/tenants/{t}/keys/config", live).then().statusCode(200);
        asAdmin().body(Map.of("requirements", Map.of("retentionDays", 30))).put("/tenants/{t}/compliance/GDPR", live)
                .then().statusCode(200);
        asAdmin().body(Map.of("description", "old and new")).put("/policies/{p}", livePolicy).then().statusCode(201);
        asAdmin().body(Map.of("permissions", List.of("read"), "clearance", "internal"))
                .put("/policies/{p}/access-controls/{t}", livePolicy, live).then().statusCode(200);
        String imported = newTenantId();
        asAdmin().body(Map.of("fernetKey", "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4="))
                .post("/tenants/{t}/keys/import", imported).then().statusCode(200);

        // The same histories in the old form, under other ids.
        String old = newTenantId();
        String oldPolicy = "p" + UUID.randomUUID().toString().substring(0, 8);
        String oldImported = newTenantId();
        appendInOldForm(KeyEvents.AGGREGATE_TYPE, live, old, live, old);
        appendInOldForm(KeyEvents.AGGREGATE_TYPE, imported, oldImported, imported, oldImported);
        appendInOldForm(ComplianceService.AGGREGATE_TYPE, live + "/GDPR", old + "/GDPR", live, old);
        appendInOldForm(PolicyService.AGGREGATE_TYPE, livePolicy, oldPolicy, live, old);
        assertThat(storedTypes(old)).containsOnly(SecurityEvent.getClassSchema().getFullName());

        asAdmin().post("/admin/read-models/rebuild").then().statusCode(200);

        // Versions recorded in the old form predate random keys: the same ring, its versions derived.
        assertThat(body("/tenants/{t}/keys", old)).isEqualTo(body("/tenants/{t}/keys", live).replace(live, old)
                        .replace("\"origin\":\"random\"", "\"origin\":\"derived\""))
                .contains("\"minDecryptionVersion\":2").contains("\"origin\":\"derived\"").doesNotContain("random");
        assertThat(body("/tenants/{t}/keys", oldImported)).isEqualTo(body("/tenants/{t}/keys", imported).replace(imported, oldImported))
                .contains("\"origin\":\"imported\"");
        assertThat(body("/tenants/{t}/compliance/GDPR", old)).isEqualTo(body("/tenants/{t}/compliance/GDPR", live).replace(live, old))
                .contains("\"retentionDays\":30");
        assertThat(body("/policies/{p}", oldPolicy)).isEqualTo(body("/policies/{p}", livePolicy)
                .replace(livePolicy, oldPolicy).replace(live, old)).contains("\"version\":2");
    }

    /** Copies an aggregate's typed events to another aggregate id, each written as the old SecurityEvent. */
    private void appendInOldForm(String aggregateType, String fromId, String toId, String fromTenant, String toTenant)
            throws Throwable {
        List<SecurityEvent> events = new ArrayList<>();
        for (SpecificRecordBase typed : stored(aggregateType, fromId)) {
            EventMetadata m = EventMetadata.of(typed);
            String tenant = m.tenantId().equals(fromTenant) ? toTenant : m.tenantId();
            SecurityEvent original = inOldForm(typed, fromId, toId, fromTenant, toTenant);
            events.add(new EventMetadata(UUID.randomUUID(), m.occurredAt(), tenant, m.actor(), m.correlationId(), toId,
                    m.aggregateVersion()).stamp(original));
        }
        assertThat(events).isNotEmpty();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> eventStore.append(aggregateType, 0, events)));
    }

    /** The SecurityEvent the service wrote for this change before the typed events (kinds and details as then). */
    private static SecurityEvent inOldForm(SpecificRecordBase typed, String fromId, String toId, String fromTenant,
            String toTenant) {
        Map<String, String> details = new TreeMap<>();
        String kind;
        if (typed instanceof KeyRingCreated e) {
            kind = "key_created";
            versionAdded(details, e.getKeyVersion(), "derived", e.getMinDecryptionVersion());
        } else if (typed instanceof KeyRotated e) {
            kind = "key_rotated";
            versionAdded(details, e.getKeyVersion(), "derived", e.getMinDecryptionVersion());
        } else if (typed instanceof KeyImported e) {
            kind = "key_imported";
            versionAdded(details, e.getKeyVersion(), "imported", e.getMinDecryptionVersion());
        } else if (typed instanceof MinDecryptionVersionChanged e) {
            kind = "key_config_changed";
            details.put("minDecryptionVersion", String.valueOf(e.getMinDecryptionVersion()));
            details.put("previousMinDecryptionVersion", String.valueOf(e.getPreviousMinDecryptionVersion()));
            details.put("primaryVersion", String.valueOf(e.getPrimaryVersion()));
        } else if (typed instanceof ComplianceConfigured e) {
            kind = "compliance_configuration";
            details.put("framework", e.getFramework());
            details.put("settings", e.getSettings());
        } else if (typed instanceof PolicyCreated e) {
            kind = "policy_changed";
            details.put("policyName", toId);
            details.put("change", "created");
            details.put("subject", toId);
            details.put("document", e.getDocument().replace(fromId, toId));
        } else if (typed instanceof PolicyUpdated e) {
            kind = "policy_changed";
            details.put("policyName", toId);
            details.put("change", e.getChange());
            details.put("subject", e.getSubject().equals(fromTenant) ? toTenant : e.getSubject());
            details.put("document", e.getDocument().replace(fromId, toId).replace(fromTenant, toTenant));
        } else {
            throw new IllegalArgumentException("Not a typed security change: " + typed.getSchema().getName());
        }
        SecurityEvent event = new SecurityEvent();
        event.setEventKind(kind);
        event.setSuccess(true);
        event.setDetails(details);
        return event;
    }

    private static void versionAdded(Map<String, String> details, int keyVersion, String origin, int minDecryptionVersion) {
        details.put("keyVersion", String.valueOf(keyVersion));
        details.put("origin", origin);
        details.put("minDecryptionVersion", String.valueOf(minDecryptionVersion));
    }

    private List<SpecificRecordBase> stored(String aggregateType, String aggregateId) {
        List<SpecificRecordBase> events = new ArrayList<>();
        for (Row row : pool.preparedQuery("select event_type, payload from event_store where aggregate_type = $1 "
                + "and aggregate_id = $2 order by aggregate_version").execute(Tuple.of(aggregateType, aggregateId))
                .await().atMost(Duration.ofSeconds(10))) {
            events.add(AvroEventCodec.decode(row.getString(0), row.getBuffer(1).getBytes()));
        }
        return events;
    }

    private List<String> storedTypes(String tenantId) {
        List<String> types = new ArrayList<>();
        for (Row row : pool.preparedQuery("select distinct event_type from event_store where tenant_id = $1")
                .execute(Tuple.of(tenantId)).await().atMost(Duration.ofSeconds(10))) {
            types.add(row.getString(0));
        }
        return types;
    }

    private static String body(String path, String id) {
        return asAdmin().get(path, id).then().statusCode(200).extract().asString();
    }
}
