package io.modulardata.security.subjects;

import static io.modulardata.security.support.SecurityApi.as;
import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.details;
import static io.modulardata.security.support.SecurityApi.fields;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modulardata.events.SubjectErased;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.RawSecurityTopic;
import io.modulardata.security.support.SecurityApi;
import io.modulardata.security.support.SecurityDb;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Crypto-shredding of a data subject through the real path: payloads under the subject's own key, personal
 * fields of events sealed under it, erasure deleting the key rows and answering 410 from then on.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class SubjectErasureTest {

    @Test
    void refusesABadSubjectIdNamingTheField() {
        String tenantId = newTenantId();
        for (String bad : List.of("", "  ", "x".repeat(257), "line\nbreak")) {
            asAdmin().body(Map.of("data", "d", "subjectId", bad)).post("/tenants/{t}/encrypt", tenantId)
                    .then().statusCode(400).body("errors.field", hasItem("subjectId"));
            asAdmin().post("/tenants/{t}/subjects/{s}/erasure", tenantId, bad.isBlank() ? " " : bad)
                    .then().statusCode(400);
        }
        assertThat(SecurityDb.bytes("select key_id from subject_key where tenant_id = ?", tenantId)).isEmpty();
    }

    /** An unpaired surrogate has no UTF-8 form: "a" + U+D800 + "b" would have been hashed as "a?b", the same subject. */
    @Test
    void refusesASubjectIdWithAnUnpairedSurrogate() {
        String tenantId = newTenantId();
        for (String bad : List.of("a\\ud800b", "\\udc00")) {
            asAdmin().body("{\"data\": \"d\", \"subjectId\": \"" + bad + "\"}").post("/tenants/{t}/encrypt", tenantId)
                    .then().statusCode(400).body("errors.field", hasItem("subjectId"));
        }
        assertThat(SecurityDb.bytes("select key_id from subject_key where tenant_id = ?", tenantId)).isEmpty();
    }

    @Test
    void aSubjectsPayloadsDecryptFromTheTokenAloneUnderTheSubjectsOwnKey() {
        String tenantId = newTenantId();
        String user = TestTokens.tenantUser(tenantId);
        String first = encrypt(user, tenantId, "patient-1", "blood type 0+", Map.of());
        String second = encrypt(user, tenantId, "patient-1", "allergy: none", Map.of());
        String other = encrypt(user, tenantId, "patient-2", "blood type A-", Map.of());
        assertThat(first).startsWith("mdps1.");
        assertThat(keyId(first)).isEqualTo(keyId(second)).isNotEqualTo(keyId(other));
        assertThat(SecurityDb.bytes("select key_id from subject_key where tenant_id = ?", tenantId)).hasSize(2);

        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200);
        decrypt(user, tenantId, first).then().statusCode(200).body("data", equalTo("blood type 0+"));
        decrypt(user, tenantId, other).then().statusCode(200).body("data", equalTo("blood type A-"));
        String rewrapped = as(user).body(Map.of("encryptedPayload", second)).post("/tenants/{t}/rewrap", tenantId)
                .then().statusCode(200).extract().path("encryptedPayload");
        assertThat(keyId(rewrapped)).isEqualTo(keyId(second));
        decrypt(user, tenantId, rewrapped).then().statusCode(200).body("data", equalTo("allergy: none"));
        // Another tenant cannot use the key id: the same answer as any bad token.
        String stranger = newTenantId();
        decrypt(TestTokens.tenantUser(stranger), stranger, first).then().statusCode(400)
                .body("type", endsWith("invalid-token"));
    }

    @Test
    void erasureShredsTheSubjectForEveryoneWhileItsEventsStayAndNameNobody() throws Exception {
        String tenantId = newTenantId();
        String otherTenant = newTenantId();
        String subjectId = "customer-" + UUID.randomUUID();
        String personal = "Jane Roe, born 1970-01-01, " + UUID.randomUUID();
        String user = TestTokens.tenantUser(tenantId);
        String admin = TestTokens.tenantAdmin(tenantId);
        String correlation = "erasure-" + UUID.randomUUID();

        try (EventProbe events = SecurityApi.probe()) {
            String payload = as(user).header("X-Correlation-Id", correlation)
                    .body(Map.of("data", "card 4111", "subjectId", subjectId, "context", Map.of("customer", personal)))
                    .post("/tenants/{t}/encrypt", tenantId).then().statusCode(200)
                    .body("context.customer", equalTo(personal)).extract().path("encryptedPayload");
            String neighbour = encrypt(user, tenantId, "customer-other", "other data", Map.of());
            String otherTenants = encrypt(TestTokens.tenantUser(otherTenant), otherTenant, subjectId, "same id elsewhere",
                    Map.of());

            // The event names the subject only by its pseudonym and carries the context sealed.
            RecordedEvent encrypted = SecurityApi.await(events, tenantId, "data_encryption", correlation);
            Map<String, String> details = details(encrypted);
            String subjectRef = details.get("subjectRef");
            assertThat(subjectRef).isNotBlank().doesNotContain(subjectId);
            String sealedContext = details.get("context");
            assertThat(sealedContext).startsWith("mdpf1.");
            assertThat(encrypted.value().toString()).doesNotContain(personal).doesNotContain(subjectId);

            // Nothing personal in clear: not in the raw event_store rows, not in the raw records of the topic.
            assertNoClearText(tenantId, personal, subjectId);
            List<byte[]> records = RawSecurityTopic.records();
            assertThat(records).noneMatch(bytes -> contains(bytes, personal)).noneMatch(bytes -> contains(bytes, subjectId))
                    .anyMatch(bytes -> contains(bytes, subjectRef));

            // Before erasure, an auditor or the tenant's admin reads the sealed field; a tenant-user may not.
            for (String reader : List.of(TestTokens.auditor(), admin)) {
                as(reader).body(Map.of("sealed", sealedContext)).post("/tenants/{t}/personal-data/open", tenantId)
                        .then().statusCode(200).body("value", equalTo("{\"customer\":\"" + personal + "\"}"));
            }
            as(user).body(Map.of("sealed", sealedContext)).post("/tenants/{t}/personal-data/open", tenantId)
                    .then().statusCode(403);
            // Nor a sealed field through decrypt: it is under a key derived from the subject key, not the key itself.
            decrypt(user, tenantId, sealedContext.replace("mdpf1.", "mdps1.")).then().statusCode(400);

            // Who may erase: the tenant's admin and a platform-admin; another tenant's admin gets 404.
            as(user).post("/tenants/{t}/subjects/{s}/erasure", tenantId, subjectId).then().statusCode(403);
            as(TestTokens.tenantAdmin(otherTenant)).post("/tenants/{t}/subjects/{s}/erasure", tenantId, subjectId)
                    .then().statusCode(404);
            decrypt(user, tenantId, payload).then().statusCode(200);

            String erasureCorrelation = "erase-" + UUID.randomUUID();
            as(admin).header("X-Correlation-Id", erasureCorrelation)
                    .post("/tenants/{t}/subjects/{s}/erasure", tenantId, subjectId)
                    .then().statusCode(202).body("subjectRef", equalTo(subjectRef)).body("state", equalTo("erased"));

            // Shredded for everyone, with its own problem type; the key rows are gone from the database.
            for (String caller : List.of(user, admin, TestTokens.platformAdmin())) {
                decrypt(caller, tenantId, payload).then().statusCode(410).body("type", endsWith("key-shredded"));
            }
            as(user).body(Map.of("encryptedPayload", payload)).post("/tenants/{t}/rewrap", tenantId).then().statusCode(410);
            as(TestTokens.auditor()).body(Map.of("sealed", sealedContext)).post("/tenants/{t}/personal-data/open", tenantId)
                    .then().statusCode(410).body("type", endsWith("key-shredded"));
            assertThat(SecurityDb.bytes("select key_id from subject_key where tenant_id = ? and subject_ref = ?", tenantId,
                    subjectRef)).isEmpty();

            // Another subject of the tenant and the same id in another tenant are untouched.
            decrypt(user, tenantId, neighbour).then().statusCode(200).body("data", equalTo("other data"));
            decrypt(TestTokens.tenantUser(otherTenant), otherTenant, otherTenants).then().statusCode(200)
                    .body("data", equalTo("same id elsewhere"));

            // Repeating is harmless: the same answer, still shredded.
            asAdmin().post("/tenants/{t}/subjects/{s}/erasure", tenantId, subjectId)
                    .then().statusCode(202).body("subjectRef", equalTo(subjectRef)).body("state", equalTo("erased"));
            decrypt(user, tenantId, payload).then().statusCode(410);

            // The erasure is an event that names the subject by its pseudonym only.
            RecordedEvent erased = SecurityApi.await(events, tenantId, SubjectErased.class, erasureCorrelation);
            assertThat(fields(erased)).containsEntry("subjectRef", subjectRef).containsEntry("keysDestroyed", "1")
                    .containsKey("erasedAt");
            assertThat(erased.field("actor")).isEqualTo(erased.value().get("requestedBy").toString());
            assertThat(erased.value().toString()).doesNotContain(subjectId);

            // Every event is still there, sealed as before.
            assertThat(SecurityDb.bytes("select event_id::text from event_store where event_id = ?::uuid",
                    encrypted.eventId())).hasSize(1);
            assertNoClearText(tenantId, personal, subjectId);
        }
    }

    @Test
    void erasingASubjectTheTenantNeverHadAnswers404AndRecordsNothing() {
        String tenantId = newTenantId();
        String user = TestTokens.tenantUser(tenantId);
        String payload = encrypt(user, tenantId, "known-subject", "kept data", Map.of());
        for (String unknown : List.of("never-seen", "KNOWN-SUBJECT", "' OR 1=1 --")) {
            asAdmin().post("/tenants/{t}/subjects/{s}/erasure", tenantId, unknown)
                    .then().statusCode(404).body("type", endsWith("not-found"));
        }
        // Another tenant's known subject is unknown here.
        String otherTenant = newTenantId();
        asAdmin().post("/tenants/{t}/subjects/{s}/erasure", otherTenant, "known-subject").then().statusCode(404);
        assertThat(SecurityDb.bytes("select event_id::text from event_store where tenant_id in (?, ?) and aggregate_type = ?",
                tenantId, otherTenant, ErasureService.AGGREGATE_TYPE)).isEmpty();
        assertThat(SecurityDb.bytes("select key_id from shredded_subject_key where tenant_id in (?, ?)", tenantId, otherTenant))
                .isEmpty();
        decrypt(user, tenantId, payload).then().statusCode(200).body("data", equalTo("kept data"));
    }

    /** Subject keys are key material, not a read model: a replay of the log neither drops nor brings them back. */
    @Test
    void aReplayOfTheReadModelsKeepsSubjectKeysAndTheirShredding() {
        String tenantId = newTenantId();
        String user = TestTokens.tenantUser(tenantId);
        String kept = encrypt(user, tenantId, "kept-subject", "kept data", Map.of());
        String erased = encrypt(user, tenantId, "erased-subject", "erased data", Map.of());
        asAdmin().post("/tenants/{t}/subjects/{s}/erasure", tenantId, "erased-subject").then().statusCode(202);

        asAdmin().post("/admin/read-models/rebuild").then().statusCode(200);

        decrypt(user, tenantId, kept).then().statusCode(200).body("data", equalTo("kept data"));
        decrypt(user, tenantId, erased).then().statusCode(410).body("type", endsWith("key-shredded"));
        assertThat(SecurityDb.bytes("select key_id from subject_key where tenant_id = ?", tenantId)).hasSize(1);
    }

    private static void assertNoClearText(String tenantId, String... texts) {
        List<byte[]> rows = SecurityDb.bytes("select payload from event_store where tenant_id = ?", tenantId);
        rows.addAll(SecurityDb.bytes("select convert_to(e::text, 'UTF8') from event_store e where tenant_id = ?", tenantId));
        assertThat(rows).isNotEmpty();
        for (String text : texts) {
            assertThat(rows).as(text).noneMatch(bytes -> contains(bytes, text));
        }
    }

    static boolean contains(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static String encrypt(String token, String tenantId, String subjectId, String data, Map<String, Object> context) {
        Map<String, Object> body = new HashMap<>(Map.of("data", data, "subjectId", subjectId, "context", context));
        return as(token).body(body).post("/tenants/{t}/encrypt", tenantId).then().statusCode(200)
                .body("encryptedPayload", startsWith("mdps1.")).extract().path("encryptedPayload");
    }

    static io.restassured.response.Response decrypt(String token, String tenantId, String payload) {
        return as(token).body(Map.of("encryptedPayload", payload)).post("/tenants/{t}/decrypt", tenantId);
    }

    private static String keyId(String payload) {
        return payload.split("\\.")[1];
    }
}
