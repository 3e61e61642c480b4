package io.modulardata.audit.ingest;

import static io.modulardata.audit.support.AuditApi.asAuditor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.events.ComponentAccessGranted;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Real events on the real topics end up in the audit log, once each, on an intact chain. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
class AuditIngestTest {

    private static final Duration INGESTED = Duration.ofSeconds(30);

    /** The Prometheus scrape, on the management interface (its own port). */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void eventsFromEveryTopicAppearNewestFirstInProductionOrderOnAnIntactChain() {
        String tenantId = TestEvents.newTenantId();
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.granted(tenantId, "etl-core", "2.1.0", "alice"));
            publisher.publish(Topics.SECURITY_EVENTS, TestEvents.security(tenantId, "data_encryption", true, Map.of("bytes", "42")));
            publisher.publish(Topics.DEPLOYMENT_EVENTS, TestEvents.deploymentSucceeded(tenantId, "d-1", DataEnvironment.STAGING));
            publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.revoked(tenantId, "etl-core", "2.1.0", "bob"));
        }

        JsonPath page = awaitEvents(tenantId, 4);
        assertThat(page.getList("items.eventType", String.class)).containsExactly(
                "ComponentAccessRevoked", "DeploymentSucceeded", "SecurityEvent", "ComponentAccessGranted");
        List<Long> sequences = page.getList("items.sequence", Long.class);
        assertThat(sequences).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(page.getString("items[3].actor")).isEqualTo("alice");
        assertThat(page.getString("items[3].payload.componentKey")).isEqualTo("etl-core-2.1.0");
        assertThat(page.getString("items[2].payload.details.bytes")).isEqualTo("42");
        assertThat(page.getString("items[1].payload.environment")).isEqualTo("STAGING");

        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void theSameEventDeliveredTwiceIsStoredOnce() {
        String tenantId = TestEvents.newTenantId();
        ComponentAccessGranted event = TestEvents.granted(tenantId, "etl-core", "2.1.0", "alice");
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            publisher.publish(Topics.REGISTRY_EVENTS, event);
            publisher.publish(Topics.REGISTRY_EVENTS, event);
            publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.revoked(tenantId, "etl-core", "2.1.0", "alice"));
        }

        JsonPath page = awaitEvents(tenantId, 2);
        assertThat(page.getList("items.eventId", String.class)).containsOnlyOnce(event.getEventId().toString());
        asAuditor().get("/audit/events/{id}", event.getEventId().toString()).then().statusCode(200)
                .body("eventType", equalTo("ComponentAccessGranted")).body("tenantId", equalTo(tenantId));
        given().get(metrics).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("audit_duplicates_dropped_total"))
                .body(org.hamcrest.Matchers.containsString("audit_entries_appended_total"))
                .body(org.hamcrest.Matchers.containsString("audit_ingest_lag{"));
    }

    @Test
    void anEventTypeNoServiceKnowsOnAConfiguredTopicIsStoredWithItsPayload() {
        String tenantId = TestEvents.newTenantId();
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            publisher.publish(AuditTopicsResource.EXTRA_TOPIC, TestEvents.futureEvent(tenantId, 512.25));
        }

        JsonPath page = awaitEvents(tenantId, 1);
        assertThat(page.getString("items[0].eventType")).isEqualTo("QuotaExceeded");
        assertThat(page.getString("items[0].topic")).isEqualTo(AuditTopicsResource.EXTRA_TOPIC);
        assertThat(page.getDouble("items[0].payload.usage")).isEqualTo(512.25);
        assertThat(page.getInt("items[0].payload.limit")).isEqualTo(500);
        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void readinessIncludesTheIngestThread() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'audit ingest' }.status", equalTo("UP"));
    }

    static JsonPath awaitEvents(String tenantId, int count) {
        JsonPath[] page = new JsonPath[1];
        await().atMost(INGESTED).untilAsserted(() -> {
            page[0] = asAuditor().queryParam("tenantId", tenantId).get("/audit/events").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(page[0].getList("items")).hasSize(count);
        });
        return page[0];
    }
}
