package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.stack.PostgresAddress;

/**
 * Issue 18 across the packaged services: a data subject's personal data reaches the audit log only sealed under the
 * subject's key. Before the erasure an auditor opens it; after it the audit log still holds every entry and its chain
 * verifies, its queries show the field as erased, the sealed field and the subject's payloads answer 410 key-shredded,
 * and the tenant's GDPR report counts the erasure and the entry it made unreadable. The stored audit rows are read in
 * the database too: neither the subject id nor the personal value is there in clear.
 */
@ExtendWith(SharedPlatform.class)
class SubjectErasureIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PlatformProcess platform;
    private static HttpCalls security;
    private static HttpCalls audit;

    @BeforeAll
    static void usePlatform(PlatformProcess shared) {
        platform = shared;
        security = new HttpCalls(Integer.parseInt(platform.env("MDP_SECURITY_SERVICE_PORT")));
        audit = new HttpCalls(Integer.parseInt(platform.env("MDP_AUDIT_SERVICE_PORT")));
    }

    @Test
    void afterAnErasureTheAuditLogKeepsEveryEntryAndItsChainButThePersonalFieldsStaySealedForGood() throws Exception {
        String tenant = "erasure-" + UUID.randomUUID().toString().substring(0, 8);
        String subject = "customer-" + UUID.randomUUID();
        String email = "jane." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String admin = platform.token("tenant-admin", tenant);
        String auditor = platform.token("auditor");

        HttpCalls.Answer encrypted = security.send("POST", "/tenants/" + tenant + "/encrypt", admin, """
                {"data": "card 4111", "subjectId": "%s", "context": {"email": "%s"}}""".formatted(subject, email));
        assertThat(encrypted.status()).as(encrypted.toString()).isEqualTo(200);
        String decrypt = "{\"encryptedPayload\": \"" + JSON.readTree(encrypted.body()).path("encryptedPayload").asText() + "\"}";

        JsonNode entry = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> encryption(tenant, auditor), found -> !found.isMissingNode());
        String sealed = entry.path("payload").path("details").path("context").asText();
        assertThat(sealed).as("the context as the audit log holds it").startsWith("mdpf1.");
        assertThat(entry.toString()).doesNotContain(email).doesNotContain(subject);
        assertThat(auditRows(tenant)).as("the tenant's audit rows, as stored").isNotEmpty()
                .noneMatch(row -> row.contains(email) || row.contains(subject));
        HttpCalls.Answer opened = open(tenant, sealed, auditor);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(JSON.readTree(opened.body()).path("value").asText()).contains(email);

        HttpCalls.Answer erased = security.send("POST", "/tenants/" + tenant + "/subjects/" + subject + "/erasure", admin, null);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(202);
        String subjectRef = JSON.readTree(erased.body()).path("subjectRef").asText();

        assertShredded(open(tenant, sealed, auditor));
        assertShredded(security.send("POST", "/tenants/" + tenant + "/decrypt", admin, decrypt));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(audit.get("/audit/events?tenantId=" + tenant + "&eventType=SubjectErased", auditor).body())
                        .contains(subjectRef).doesNotContain(subject));
        JsonNode shown = encryption(tenant, auditor);
        assertThat(shown.path("payload").path("details").path("context").asText()).as("the context after the erasure")
                .isEqualTo("[erased]");
        assertThat(shown.path("personalDataErased").asBoolean()).isTrue();
        assertThat(shown.path("hash").asText()).as("the stored entry's hash").isEqualTo(entry.path("hash").asText());
        assertThat(shown.path("sequence").asLong()).isEqualTo(entry.path("sequence").asLong());
        JsonNode verified = JSON.readTree(audit.get("/audit/verify", auditor).body());
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        JsonNode report = JSON.readTree(audit.get("/audit/tenants/" + tenant + "/compliance-report?framework=GDPR", auditor).body());
        assertThat(report.path("sections").path("dataRetentionAndSubjects").path("counts").path("erasures").asLong())
                .as(report.toString()).isEqualTo(1);
        assertThat(report.path("sections").path("dataRetentionAndSubjects").path("counts").path("entriesMadeUnreadable").asLong())
                .as(report.toString()).isEqualTo(1);
    }

    /** Every stored row of the tenant's audit log, whole (all its columns as text), read in audit-service's database. */
    private static List<String> auditRows(String tenant) throws Exception {
        PostgresAddress postgres = platform.postgres();
        List<String> rows = new ArrayList<>();
        try (Connection connection = Databases.connect(postgres, "audit");
                PreparedStatement statement = connection.prepareStatement("select a::text from audit_entry a where tenant_id = ?")) {
            statement.setString(1, tenant);
            try (ResultSet found = statement.executeQuery()) {
                while (found.next()) {
                    rows.add(found.getString(1));
                }
            }
        }
        return rows;
    }

    /** The audit entry of the tenant's encryption, or a missing node while the audit log has not got it yet. */
    private static JsonNode encryption(String tenant, String auditor) throws Exception {
        HttpCalls.Answer page = audit.get("/audit/events?tenantId=" + tenant + "&eventType=SecurityEvent", auditor);
        for (JsonNode item : JSON.readTree(page.body()).path("items")) {
            if (item.path("payload").path("details").has("context")) {
                return item;
            }
        }
        return JSON.missingNode();
    }

    private static HttpCalls.Answer open(String tenant, String sealed, String token) throws Exception {
        return security.send("POST", "/tenants/" + tenant + "/personal-data/open", token, "{\"sealed\": \"" + sealed + "\"}");
    }

    private static void assertShredded(HttpCalls.Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(410);
        assertThat(JSON.readTree(answer.body()).path("type").asText()).endsWith("key-shredded");
    }
}
