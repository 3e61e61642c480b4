package io.modulardata.audit.query;

import static io.modulardata.audit.support.AuditApi.asAuditor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.TestEvents;
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
 * Issue 18: after a data subject's erasure, the audit log's queries show that subject's sealed personal fields as
 * erased in the entries before the erasure, and only there: not another subject's, not the same pseudonym in another
 * tenant, not what was sealed for the subject again after it. Only the view changes: the stored entry and its hash
 * stay (SubjectErasureIT in system-tests checks that the chain still verifies).
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
class ErasedPersonalFieldsTest {

    @Test
    void theFieldsOfASubjectErasedAfterAnEntryShowAsErasedAndNothingElseChanges() {
        String tenant = TestEvents.newTenantId();
        String otherTenant = TestEvents.newTenantId();
        String erased = "ref-" + UUID.randomUUID();
        String kept = "ref-" + UUID.randomUUID();
        SecurityEvent before = sealedFor(tenant, erased, "mdpf1.key-1.token-a");
        SecurityEvent otherSubject = sealedFor(tenant, kept, "mdpf1.key-2.token-b");
        SecurityEvent samePseudonymElsewhere = sealedFor(otherTenant, erased, "mdpf1.key-3.token-c");
        SecurityEvent after = sealedFor(tenant, erased, "mdpf1.key-4.token-d");
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            publisher.publish(Topics.SECURITY_EVENTS, before);
            publisher.publish(Topics.SECURITY_EVENTS, otherSubject);
            publisher.publish(Topics.SECURITY_EVENTS, samePseudonymElsewhere);
            publisher.publish(Topics.SECURITY_EVENTS, TestEvents.subjectErased(tenant, erased));
            publisher.publish(Topics.SECURITY_EVENTS, after);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            asAuditor().queryParam("tenantId", tenant).get("/audit/events").then().statusCode(200).body("items", hasSize(4));
            asAuditor().queryParam("tenantId", otherTenant).get("/audit/events").then().statusCode(200).body("items", hasSize(1));
        });

        JsonPath page = asAuditor().queryParam("tenantId", tenant).get("/audit/events").then().statusCode(200).extract().jsonPath();
        assertShown(page, before, ErasedPersonalFields.ERASED, true);
        assertShown(page, otherSubject, "mdpf1.key-2.token-b", false);
        assertShown(page, after, "mdpf1.key-4.token-d", false);
        JsonPath elsewhere = asAuditor().queryParam("tenantId", otherTenant).get("/audit/events").then().extract().jsonPath();
        assertShown(elsewhere, samePseudonymElsewhere, "mdpf1.key-3.token-c", false);
        // One entry by its id reads the same; the pseudonym is no personal data and stays.
        JsonPath one = asAuditor().get("/audit/events/{id}", before.getEventId().toString()).then().statusCode(200).extract().jsonPath();
        assertThat(one.getString("payload.details.context")).isEqualTo(ErasedPersonalFields.ERASED);
        assertThat(one.getString("payload.details.subjectRef")).isEqualTo(erased);
        assertThat(one.getBoolean("personalDataErased")).isTrue();
        assertThat(one.getString("hash")).as("the stored entry's hash").isEqualTo(hashOf(page, before));
    }

    /** Offboarding destroys every subject key of the tenant: every sealed field before it reads as erased. */
    @Test
    void theFieldsOfEverySubjectOfAnOffboardedTenantShowAsErased() {
        String tenant = TestEvents.newTenantId();
        String neighbour = TestEvents.newTenantId();
        SecurityEvent first = sealedFor(tenant, "ref-" + UUID.randomUUID(), "mdpf1.key-1.token-a");
        SecurityEvent second = sealedFor(tenant, "ref-" + UUID.randomUUID(), "mdpf1.key-2.token-b");
        SecurityEvent neighbours = sealedFor(neighbour, "ref-" + UUID.randomUUID(), "mdpf1.key-3.token-c");
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            publisher.publish(Topics.SECURITY_EVENTS, first);
            publisher.publish(Topics.SECURITY_EVENTS, second);
            publisher.publish(Topics.SECURITY_EVENTS, neighbours);
            publisher.publish(Topics.SECURITY_EVENTS, TestEvents.tenantKeysShredded(tenant));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            asAuditor().queryParam("tenantId", tenant).get("/audit/events").then().statusCode(200).body("items", hasSize(3));
            asAuditor().queryParam("tenantId", neighbour).get("/audit/events").then().statusCode(200).body("items", hasSize(1));
        });

        JsonPath page = asAuditor().queryParam("tenantId", tenant).get("/audit/events").then().statusCode(200).extract().jsonPath();
        assertShown(page, first, ErasedPersonalFields.ERASED, true);
        assertShown(page, second, ErasedPersonalFields.ERASED, true);
        JsonPath elsewhere = asAuditor().queryParam("tenantId", neighbour).get("/audit/events").then().extract().jsonPath();
        assertShown(elsewhere, neighbours, "mdpf1.key-3.token-c", false);
        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    private static String hashOf(JsonPath page, SecurityEvent event) {
        return page.getString("items.find { it.eventId == '" + event.getEventId() + "' }.hash");
    }

    private static SecurityEvent sealedFor(String tenant, String subjectRef, String sealedContext) {
        return TestEvents.security(tenant, "data_encryption", true, Map.of("subjectRef", subjectRef, "context", sealedContext,
                "keyVersion", "1"));
    }

    private static void assertShown(JsonPath page, SecurityEvent event, String context, boolean erased) {
        List<Map<String, Object>> items = page.getList("items");
        Map<String, Object> item = items.stream().filter(candidate -> event.getEventId().toString().equals(candidate.get("eventId")))
                .findFirst().orElseThrow(() -> new AssertionError("no entry " + event.getEventId() + " in " + items));
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) ((Map<String, Object>) item.get("payload")).get("details");
        assertThat(details.get("context")).as("context of %s", item).isEqualTo(context);
        assertThat(item.get("personalDataErased")).as("personalDataErased of %s", item).isEqualTo(erased);
    }
}
