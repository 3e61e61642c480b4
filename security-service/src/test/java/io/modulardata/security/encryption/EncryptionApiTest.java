package io.modulardata.security.encryption;

import static io.modulardata.security.support.SecurityApi.as;
import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.details;
import static io.modulardata.security.support.SecurityApi.fields;
import static io.modulardata.security.support.SecurityApi.encrypt;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modulardata.events.KeyRingCreated;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class EncryptionApiTest {

    private static final String SECRET = "card 4111-1111-1111-1111 of Jane Roe";

    @Test
    void encryptsAndDecryptsRoundTripRecordingEventsWithoutPlaintext() {
        String tenantId = newTenantId();
        String correlation = "corr-" + UUID.randomUUID();
        try (EventProbe events = SecurityApi.probe()) {
            String token = as(TestTokens.tenantUser(tenantId)).header("X-Correlation-Id", correlation)
                    .body(Map.of("data", SECRET, "context", Map.of("purpose", "billing")))
                    .post("/tenants/{t}/encrypt", tenantId)
                    .then().statusCode(200)
                    .body("encryptionMethod", equalTo("fernet_symmetric"))
                    .body("keyVersion", equalTo(1))
                    .body("context.purpose", equalTo("billing"))
                    .body("encryptionTimestamp", not(equalTo(null)))
                    .extract().path("encryptedPayload");
            assertThat(Base64.getUrlDecoder().decode(token)[0]).isEqualTo((byte) 0x80);
            as(TestTokens.tenantUser(tenantId)).header("X-Correlation-Id", correlation)
                    .body(Map.of("encryptedPayload", token, "ttlSeconds", 300))
                    .post("/tenants/{t}/decrypt", tenantId)
                    .then().statusCode(200).body("data", equalTo(SECRET)).body("keyVersion", equalTo(1));

            // A ring is created with a random key version (an import is KeyImported).
            RecordedEvent created = SecurityApi.await(events, tenantId, KeyRingCreated.class, correlation);
            assertThat(created.field("aggregateId")).isEqualTo(tenantId);
            assertThat(fields(created)).containsEntry("keyVersion", "1");
            RecordedEvent encrypted = SecurityApi.await(events, tenantId, "data_encryption", correlation);
            assertThat(encrypted.type()).isEqualTo("io.modulardata.events.SecurityEvent");
            assertThat(encrypted.key()).isEqualTo(tenantId);
            assertThat(encrypted.value().get("success")).isEqualTo(true);
            assertThat(encrypted.field("aggregateId")).startsWith("op-");
            assertThat(encrypted.value().get("aggregateVersion")).isEqualTo(1L);
            assertThat(details(encrypted)).containsEntry("plaintextBytes", String.valueOf(SECRET.length()))
                    .containsEntry("keyVersion", "1").containsEntry("context", "{\"purpose\":\"billing\"}");
            RecordedEvent decrypted = SecurityApi.await(events, tenantId, "data_decryption", correlation);
            assertThat(decrypted.value().get("success")).isEqualTo(true);
            for (RecordedEvent event : List.of(created, encrypted, decrypted)) {
                assertThat(event.value().toString()).doesNotContain("4111").doesNotContain(token);
            }
        }
    }

    @Test
    void refusesBadTokensWithTheSameAnswerAndRecordsTheFailure() {
        String tenantId = newTenantId();
        String token = encrypt(tenantId, SECRET);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[raw.length - 40] ^= 1;
        String tampered = Base64.getUrlEncoder().encodeToString(raw);
        String foreign = encrypt(newTenantId(), SECRET);
        String padded = encrypt(tenantId, "hello"); // 73 bytes: ends in "=="
        assertThat(padded).endsWith("==");
        List<String> bad = List.of(tampered, token.substring(0, token.length() - 12), "%%%not-base64%%%",
                padded.replace("=", ""), padded.substring(0, padded.length() - 1), padded + "==", token + "=", foreign);
        String run = "corr-" + UUID.randomUUID() + "-";
        try (EventProbe events = SecurityApi.probe()) {
            for (int i = 0; i < bad.size(); i++) {
                asAdmin().header("X-Correlation-Id", run + i).body(Map.of("encryptedPayload", bad.get(i)))
                        .post("/tenants/{t}/decrypt", tenantId)
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("detail", equalTo("The token could not be decrypted"))
                        .body("field", equalTo("encryptedPayload"))
                        .body(not(containsString("key")));
            }
            // Each refusal was recorded on its own (the answer came only after the event was committed).
            for (int i = 0; i < bad.size(); i++) {
                RecordedEvent failure = SecurityApi.await(events, tenantId, "data_decryption", run + i);
                assertThat(failure.value().get("success")).as("refusal %d", i).isEqualTo(false);
                assertThat(details(failure)).as("refusal %d", i).containsEntry("failure", "invalid_token")
                        .doesNotContainKey("plaintextBytes");
            }
            Map<String, Set<String>> recorded = eventIdsByCorrelation(events, run);
            assertThat(recorded).as("refusals recorded").hasSize(bad.size());
            assertThat(recorded.values()).as("one event per refusal").allSatisfy(ids -> assertThat(ids).hasSize(1));
        }
    }

    @Test
    void aRefusedRewrapIsRecordedAsAFailure() {
        String tenantId = newTenantId();
        String token = encrypt(tenantId, SECRET);
        String correlation = "corr-" + UUID.randomUUID();
        try (EventProbe events = SecurityApi.probe()) {
            asAdmin().header("X-Correlation-Id", correlation).body(Map.of("encryptedPayload", token.substring(0, token.length() - 12)))
                    .post("/tenants/{t}/rewrap", tenantId)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", equalTo("The token could not be decrypted")).body("field", equalTo("encryptedPayload"));

            RecordedEvent failure = SecurityApi.await(events, tenantId, "rewrap", correlation);
            assertThat(failure.value().get("success")).isEqualTo(false);
            assertThat(details(failure)).containsEntry("failure", "invalid_token").doesNotContainKey("keyVersion");
            assertThat(eventIdsByCorrelation(events, correlation)).isEqualTo(Map.of(correlation, Set.of(failure.eventId())));
        }
    }

    /**
     * The distinct events on security-events (up to the topic's end) per correlation id starting with
     * {@code prefix}. Delivery is at least once: a redelivered copy carries the same eventId.
     */
    private static Map<String, Set<String>> eventIdsByCorrelation(EventProbe events, String prefix) {
        return events.collectToEnd(java.time.Duration.ofSeconds(20)).stream()
                .filter(event -> String.valueOf(event.field("correlationId")).startsWith(prefix))
                .collect(Collectors.groupingBy(event -> String.valueOf(event.field("correlationId")),
                        Collectors.mapping(RecordedEvent::eventId, Collectors.toSet())));
    }

    @Test
    void expiredTokenIsRefusedWhenTtlIsGiven() {
        String tenantId = newTenantId();
        // A token whose timestamp is an hour old, made with the tenant's key through an imported key.
        String key = Base64.getUrlEncoder().encodeToString(new byte[32]).replace('A', 'B');
        asAdmin().body(Map.of("fernetKey", key)).post("/tenants/{t}/keys/import", tenantId).then().statusCode(200);
        String old = OldTokens.make(key, "hello", 3600);
        asAdmin().body(Map.of("encryptedPayload", old, "ttlSeconds", 60)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(400).body("detail", equalTo("The token could not be decrypted"));
        asAdmin().body(Map.of("encryptedPayload", old)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo("hello"));
    }

    @Test
    void batchesAnswerPerItemAndOneBadItemDoesNotFailTheRest() {
        String tenantId = newTenantId();
        var items = new java.util.ArrayList<Map<String, Object>>();
        items.add(Map.of("data", "one"));
        items.add(Map.of("context", Map.of()));
        items.add(Map.of("data", "three"));
        List<String> tokens = asAdmin().body(Map.of("items", items)).post("/tenants/{t}/encrypt/batch", tenantId)
                .then().statusCode(200).body("succeeded", equalTo(2)).body("failed", equalTo(1))
                .body("results[1].success", equalTo(false)).body("results[1].error", equalTo("data is required"))
                .extract().path("results.encryptedPayload");
        asAdmin().body(Map.of("items", List.of(Map.of("encryptedPayload", tokens.get(0)),
                        Map.of("encryptedPayload", "garbage"), Map.of("encryptedPayload", tokens.get(2)))))
                .post("/tenants/{t}/decrypt/batch", tenantId)
                .then().statusCode(200).body("succeeded", equalTo(2)).body("failed", equalTo(1))
                .body("results[0].data", equalTo("one")).body("results[1].error", equalTo("invalid_token"))
                .body("results[2].data", equalTo("three"));
    }

    @Test
    void isolatesTenants() {
        String tenantId = newTenantId();
        String token = encrypt(tenantId, SECRET);
        String other = newTenantId();
        as(TestTokens.tenantUser(other)).body(Map.of("encryptedPayload", token)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(404).contentType("application/problem+json");
        as(TestTokens.tenantUser(other)).body(Map.of("data", "x")).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(404);
        as(TestTokens.tenantUser(other)).body(Map.of("encryptedPayload", token)).post("/tenants/{t}/decrypt", other)
                .then().statusCode(400);
        as(TestTokens.auditor()).body(Map.of("data", "x")).post("/tenants/{t}/encrypt", tenantId).then().statusCode(403);
        SecurityApi.as("not-a-token").body(Map.of("data", "x")).post("/tenants/{t}/encrypt", tenantId).then().statusCode(401);
    }

    @Test
    void rejectsBadInputNamingTheField() {
        String tenantId = newTenantId();
        asAdmin().body(Map.of("context", Map.of())).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(400).body("field", equalTo("data"));
        asAdmin().body(Map.of("data", 5)).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(400).body("field", equalTo("data"));
        asAdmin().body(Map.of("data", "x", "colour", "red")).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(400).body("field", equalTo("colour"));
        asAdmin().body(Map.of("encryptedPayload", "x", "ttlSeconds", 0)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(400).body("field", equalTo("ttlSeconds"));
        asAdmin().body(Map.of()).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(400).body("field", equalTo("encryptedPayload"));
        asAdmin().body(Map.of("items", List.of())).post("/tenants/{t}/encrypt/batch", tenantId)
                .then().statusCode(400).body("field", equalTo("items"));
        asAdmin().body(Map.of("data", "x")).post("/tenants/{t}/encrypt", "Bad_Tenant")
                .then().statusCode(400).body("field", equalTo("tenantId"));
    }
}
