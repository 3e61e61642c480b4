package io.modulardata.audit.compliance;

import static io.modulardata.audit.support.AuditApi.asAuditor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.events.ComplianceConfigured;
import io.modulardata.events.KeyRotated;
import io.modulardata.events.PolicyCreated;
import io.modulardata.events.PolicyUpdated;
import io.modulardata.events.SecurityEvent;
import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Key-ring, compliance and policy changes arrive as typed events today and as SecurityEvents with a kind
 * from logs written before: the timeline and the compliance report tell and count both alike.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
class TypedSecurityChangesTest {

    private static final Instant FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    @Test
    void typedChangesAndTheirOldFormAreToldAndCountedAlike() {
        String tenant = TestEvents.newTenantId();
        String other = TestEvents.newTenantId();
        String policy = "p" + UUID.randomUUID().toString().substring(0, 8);
        KeyRotated rotated = TestEvents.keyRotated(tenant, 2);
        SecurityEvent oldRotated = TestEvents.security(tenant, "key_rotated", true, Map.of("keyVersion", "3"));
        ComplianceConfigured configured = TestEvents.complianceConfigured(tenant, "GDPR", "{\"retentionDays\":30}");
        SecurityEvent oldConfigured = TestEvents.security(tenant, "compliance_configuration", true,
                Map.of("framework", "GDPR", "settings", "{\"retentionDays\":60}"));
        PolicyCreated created = TestEvents.policyCreated(policy);
        PolicyUpdated ownAccess = TestEvents.policyUpdated(policy, 2, "access_control", tenant);
        PolicyUpdated othersAccess = TestEvents.policyUpdated(policy, 3, "access_control", other);
        PolicyUpdated classification = TestEvents.policyUpdated(policy, 4, "classification", "export");
        // Platform-wide policy changes count in every tenant's report: these lie far ahead, so no other test's
        // report (which ends now) counts them.
        List.of(created, ownAccess, othersAccess, classification).forEach(change -> change.put("occurredAt",
                FUTURE.plusMillis(((Long) change.get("aggregateVersion")))));
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            for (var event : List.of(rotated, oldRotated, configured, oldConfigured, created, ownAccess, othersAccess,
                    classification)) {
                publisher.publish(Topics.SECURITY_EVENTS, event);
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            asAuditor().queryParam("tenantId", tenant).get("/audit/events").then().statusCode(200).body("items", hasSize(4));
            // The policy's events share one partition (key "platform"): the last one in means all are in.
            asAuditor().get("/audit/events/{id}", classification.getEventId().toString()).then().statusCode(200);
        });

        List<String> summaries = asAuditor().get("/audit/tenants/{t}/timeline", tenant).then().statusCode(200)
                .extract().jsonPath().getList("items.summary", String.class);
        assertThat(summaries).containsExactly(
                "key rotated succeeded by " + tenant + "-admin",
                "key rotated succeeded by security-service",
                "compliance configuration succeeded by " + tenant + "-admin",
                "compliance configuration succeeded by security-service");

        JsonPath gdpr = asAuditor().queryParam("framework", "GDPR").get("/audit/tenants/{t}/compliance-report", tenant)
                .then().statusCode(200).extract().jsonPath();
        assertThat(gdpr.getInt("sections.complianceConfigurationChanges.counts.changes")).isEqualTo(2);
        assertThat(gdpr.getInt("sections.dataRetentionAndSubjects.counts.changes")).isEqualTo(2);
        assertThat(gdpr.getList("sections.complianceConfigurationChanges.entries.eventId", String.class))
                .containsExactly(configured.getEventId().toString(), oldConfigured.getEventId().toString());

        JsonPath soc2 = asAuditor().queryParam("framework", "SOC2").queryParam("to", FUTURE.plusSeconds(60).toString())
                .get("/audit/tenants/{t}/compliance-report", tenant)
                .then().statusCode(200).extract().jsonPath();
        // Platform policies govern every tenant, except where a change sets another tenant's access control.
        assertThat(soc2.getList("sections.policyChanges.entries.eventId", String.class))
                .contains(created.getEventId().toString(), ownAccess.getEventId().toString(),
                        classification.getEventId().toString())
                .doesNotContain(othersAccess.getEventId().toString());
        assertThat(soc2.getList("sections.policyChanges.entries.summary", String.class))
                .contains("policy changed succeeded by platform-admin");
    }
}
