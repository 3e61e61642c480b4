package io.modulardata.audit.query;

import static io.modulardata.audit.support.AuditApi.as;
import static io.modulardata.audit.support.AuditApi.asAuditor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Who may read what, paging, bad input, timeline, compliance report and the public key. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {

    private final String tenant = TestEvents.newTenantId();
    private final String otherTenant = TestEvents.newTenantId();
    private String grantedEventId;

    private boolean published;

    /** Once per class; in @BeforeEach because RestAssured knows the test port only from there on. */
    @BeforeEach
    void publishHistory() {
        if (published) {
            return;
        }
        published = true;
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            var granted = TestEvents.granted(tenant, "etl-core", "2.1.0", "alice");
            grantedEventId = granted.getEventId().toString();
            publisher.publish(Topics.REGISTRY_EVENTS, granted);
            publisher.publish(Topics.SECURITY_EVENTS, TestEvents.security(tenant, "data_encryption", true, Map.of("bytes", "10")));
            publisher.publish(Topics.SECURITY_EVENTS, TestEvents.security(tenant, "data_decryption", false, Map.of("error", "bad tag")));
            publisher.publish(Topics.SECURITY_EVENTS, TestEvents.security(tenant, "compliance_configuration", true,
                    Map.of("dataRetentionDays", "30")));
            publisher.publish(Topics.SECURITY_EVENTS, TestEvents.security(tenant, "policy_changed", true, Map.of("policy", "p1")));
            publisher.publish(Topics.DEPLOYMENT_EVENTS, TestEvents.deploymentSucceeded(tenant, "d-9", DataEnvironment.PRODUCTION));
            publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.revoked(tenant, "etl-core", "2.1.0", "bob"));
            publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.granted(otherTenant, "etl-core", "2.1.0", "carol"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            asAuditor().queryParam("tenantId", tenant).get("/audit/events").then().statusCode(200).body("items", hasSize(7));
            asAuditor().queryParam("tenantId", otherTenant).get("/audit/events").then().statusCode(200).body("items", hasSize(1));
        });
    }

    @Test
    void pagesNewestFirstWithACursorUntilTheLastPage() {
        List<String> types = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = asAuditor().queryParam("tenantId", tenant).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/audit/events").then().statusCode(200).extract().jsonPath();
            types.addAll(page.getList("items.eventType", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(types).hasSize(7).startsWith("ComponentAccessRevoked").endsWith("ComponentAccessGranted");
    }

    @Test
    void filtersByEventTypeActorAndTime() {
        asAuditor().queryParam("tenantId", tenant).queryParam("eventType", "SecurityEvent").get("/audit/events")
                .then().statusCode(200).body("items", hasSize(4));
        asAuditor().queryParam("tenantId", tenant).queryParam("eventType", "io.modulardata.events.ComponentAccessRevoked")
                .get("/audit/events").then().statusCode(200).body("items", hasSize(1)).body("items[0].actor", equalTo("bob"));
        asAuditor().queryParam("actor", "carol").queryParam("tenantId", otherTenant).get("/audit/events")
                .then().statusCode(200).body("items", hasSize(1));
        asAuditor().queryParam("tenantId", tenant).queryParam("to", "2000-01-01T00:00:00Z").get("/audit/events")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aTenantAdminSeesOnlyItsOwnTenant() {
        as(TestTokens.tenantAdmin(tenant)).get("/audit/events").then().statusCode(200).body("items", hasSize(7));
        as(TestTokens.tenantAdmin(tenant)).queryParam("tenantId", otherTenant).get("/audit/events").then().statusCode(404);
        as(TestTokens.tenantAdmin(otherTenant)).get("/audit/events/{id}", grantedEventId).then().statusCode(404);
        as(TestTokens.tenantAdmin(tenant)).get("/audit/events/{id}", grantedEventId).then().statusCode(200)
                .body("eventId", equalTo(grantedEventId));
        as(TestTokens.tenantAdmin(otherTenant)).get("/audit/tenants/{t}/timeline", tenant).then().statusCode(404);
        as(TestTokens.tenantAdmin(otherTenant)).queryParam("framework", "SOC2")
                .get("/audit/tenants/{t}/compliance-report", tenant).then().statusCode(404);
        as(TestTokens.tenantAdmin(tenant)).get("/audit/verify").then().statusCode(403);
    }

    @Test
    void tenantUsersAndStrangersGetNothing() {
        as(TestTokens.tenantUser(tenant)).get("/audit/events").then().statusCode(403);
        as(TestTokens.tenantUser(tenant)).get("/audit/tenants/{t}/timeline", tenant).then().statusCode(403);
        as(TestTokens.tenantUser(tenant)).get("/audit/verify").then().statusCode(403);
        given().get("/audit/events").then().statusCode(401);
        as(TestTokens.signedByStranger("auditor")).get("/audit/events").then().statusCode(401);
        as(TestTokens.platformAdmin()).queryParam("tenantId", tenant).get("/audit/events").then().statusCode(200);
    }

    @Test
    void anUnknownEventIdIsNotFound() {
        asAuditor().get("/audit/events/{id}", "00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @CsvSource({
        "/audit/events?limit=0, limit",
        "/audit/events?limit=501, limit",
        "/audit/events?limit=ten, limit",
        "/audit/events?from=yesterday, from",
        "/audit/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z, from",
        "/audit/events?cursor=garbage!, cursor",
        "/audit/events?tenantId=Not_A_Tenant, tenantId",
        "/audit/events?eventType=a%20b, eventType",
        "/audit/verify?from=0, from",
        "/audit/verify?to=x, to",
        "/audit/verify?from=5&to=2, from",
        "/audit/verify?to=-3, to",
        "/audit/verify?from=2026-13-01T00:00:00Z, from",
        "/audit/verify?from=2026-01-01T00:00:00Z&to=5, to",
        "/audit/verify?from=5&to=2026-01-01T00:00:00Z, to",
        "/audit/verify?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z, from",
        "/audit/tenants/acme/compliance-report?framework=ISO27001, framework",
        "/audit/tenants/acme/compliance-report, framework",
        "/audit/tenants/acme/compliance-report?framework=SOC2&to=soon, to",
        "/audit/tenants/ACME/timeline, tenantId",
        "/audit/tenants/acme/timeline?limit=-1, limit"})
    void badInputIsA400NamingTheField(String path, String field) {
        asAuditor().get(path).then().statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
    }

    @Test
    void theTimelineTellsTheTenantsHistoryOldestFirst() {
        JsonPath timeline = asAuditor().get("/audit/tenants/{t}/timeline", tenant).then().statusCode(200).extract().jsonPath();
        List<String> summaries = timeline.getList("items.summary", String.class);
        assertThat(summaries).hasSize(7);
        assertThat(summaries.get(0)).isEqualTo("component etl-core 2.1.0 granted by alice");
        assertThat(summaries).contains("data decryption failed by security-service",
                "deployment d-9 of etl-core-2.1.0 to PRODUCTION succeeded");
        assertThat(summaries.get(6)).isEqualTo("component etl-core 2.1.0 revoked by bob");
    }

    @Test
    void theComplianceReportHoldsTheFrameworksSectionsAndAVerifiedChain() {
        JsonPath pci = asAuditor().queryParam("framework", "PCI_DSS").get("/audit/tenants/{t}/compliance-report", tenant)
                .then().statusCode(200).body("chainVerification.valid", equalTo(true)).extract().jsonPath();
        assertThat(pci.getInt("sections.accessGrants.counts.granted")).isEqualTo(1);
        assertThat(pci.getInt("sections.accessGrants.counts.revoked")).isEqualTo(1);
        assertThat(pci.getInt("sections.encryptionOperations.counts.encryptions")).isEqualTo(1);
        assertThat(pci.getInt("sections.encryptionOperations.counts.decryptionsFailed")).isEqualTo(1);
        assertThat(pci.getInt("sections.deployments.counts.'PRODUCTION.SUCCEEDED'")).isEqualTo(1);
        assertThat(pci.getInt("sections.policyChanges.counts.changes")).isEqualTo(1);
        assertThat(pci.getMap("sections")).doesNotContainKey("dataRetentionAndSubjects");

        JsonPath gdpr = asAuditor().queryParam("framework", "GDPR").get("/audit/tenants/{t}/compliance-report", tenant)
                .then().statusCode(200).extract().jsonPath();
        assertThat(gdpr.getInt("sections.dataRetentionAndSubjects.counts.changes")).isEqualTo(1);
        assertThat(gdpr.getMap("sections")).doesNotContainKey("deployments");

        asAuditor().queryParam("framework", "SOC2").queryParam("from", Instant.now().plusSeconds(3600).toString())
                .queryParam("to", Instant.now().plusSeconds(7200).toString())
                .get("/audit/tenants/{t}/compliance-report", tenant).then().statusCode(200)
                .body("sections.accessGrants.entries", hasSize(0)).body("chainVerification.checkedEntries", equalTo(0));
    }

    @Test
    void theComplianceReportTakesTheOriginalsFrameworkSpellingAndAnswersInOurs() {
        for (String spelling : List.of("pci_dss", "Pci-Dss")) {
            asAuditor().queryParam("framework", spelling).get("/audit/tenants/{t}/compliance-report", tenant)
                    .then().statusCode(200).body("framework", equalTo("PCI_DSS"))
                    .body("sections.accessGrants.counts.granted", equalTo(1));
        }
    }

    @Test
    void theComplianceReportComesAsCsvOnRequest() {
        String csv = asAuditor().accept("text/csv").queryParam("framework", "HIPAA")
                .get("/audit/tenants/{t}/compliance-report", tenant).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(csv).startsWith("section,kind,name,value,sequence,occurredAt,eventType,eventId,actor,summary\r\n")
                .contains("report,info,framework,HIPAA")
                .contains("accessGrants,count,granted,1")
                .contains("encryptionOperations,count,decryptionsFailed,1")
                .contains("chainVerification,count,valid,true");
    }

    @Test
    void checkpointsVerifyOfflineWithTheServedPublicKey() throws Exception {
        JsonPath key = as(TestTokens.tenantAdmin(tenant)).get("/audit/public-key").then().statusCode(200)
                .body("algorithm", equalTo("Ed25519")).body("keyId", notNullValue()).extract().jsonPath();
        JsonPath checkpoints = asAuditor().get("/audit/checkpoints").then().statusCode(200).extract().jsonPath();
        assertThat(checkpoints.getList("$")).isNotEmpty();

        String pem = key.getString("publicKeyPem").replaceAll("-----[A-Z ]+-----|\\s", "");
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Checkpoint checkpoint = new Checkpoint(checkpoints.getLong("[0].sequence"), checkpoints.getString("[0].headHash"),
                checkpoints.getLong("[0].entryCount"), Instant.parse(checkpoints.getString("[0].createdAt")),
                checkpoints.getString("[0].keyId"), checkpoints.getString("[0].signature"),
                checkpoints.getString("[0].previousCheckpointHash"));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(checkpoint.signedBytes());
        assertThat(verifier.verify(Base64.getDecoder().decode(checkpoint.signature()))).isTrue();
        assertThat(checkpoint.keyId()).isEqualTo(key.getString("keyId"));
    }

    @Test
    void verifyOverAPeriodChecksTheRunOfTheChainHoldingTheEntriesThatOccurredInIt() {
        JsonPath events = asAuditor().queryParam("tenantId", tenant).get("/audit/events").then().statusCode(200)
                .extract().jsonPath();
        List<Long> sequences = events.getList("items.sequence", Long.class);
        List<Instant> occurred = events.getList("items.occurredAt", String.class).stream().map(Instant::parse).toList();
        Instant from = occurred.stream().min(Instant::compareTo).orElseThrow();
        Instant to = occurred.stream().max(Instant::compareTo).orElseThrow().plusMillis(1);
        // Nothing else occurred in between (event times are strictly increasing in this JVM), so the run is
        // exactly this tenant's first to last entry, whatever else was chained between them.
        long expected = sequences.stream().max(Long::compare).orElseThrow() - sequences.stream().min(Long::compare).orElseThrow() + 1;

        asAuditor().queryParam("from", from.toString()).queryParam("to", to.toString()).get("/audit/verify").then()
                .statusCode(200).body("valid", equalTo(true)).body("checkedEntries", equalTo((int) expected));
        asAuditor().queryParam("from", "2000-01-01T00:00:00Z").queryParam("to", "2000-01-02T00:00:00+02:00")
                .get("/audit/verify").then().statusCode(200).body("valid", equalTo(true)).body("checkedEntries", equalTo(0));
        asAuditor().queryParam("from", sequences.get(sequences.size() - 1)).queryParam("to", sequences.get(0))
                .get("/audit/verify").then().statusCode(200).body("valid", equalTo(true))
                .body("checkedEntries", equalTo((int) (sequences.get(0) - sequences.get(sequences.size() - 1) + 1)));
    }

    @Test
    void verifyCoversTheWholeChainByDefault() {
        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true))
                .body("firstBrokenSequence", nullValue()).body("reason", nullValue());
    }
}
