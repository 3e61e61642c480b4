package io.modulardata.security.encryption;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.Token;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12: the original platform decrypts from its encryption metadata, so decrypt (and rewrap) take the
 * whole answer of encrypt; and its payloads, a Fernet token base64-encoded once more, decrypt once the
 * original's key is imported.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class OriginalPlatformPayloadTest {

    @Test
    void decryptAndRewrapTakeTheWholeAnswerOfEncrypt() {
        String tenantId = newTenantId();
        String answer = asAdmin().body(Map.of("data", "ledger", "context", Map.of("purpose", "billing")))
                .post("/tenants/{t}/encrypt", tenantId).then().statusCode(200).extract().asString();

        asAdmin().body(answer).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo("ledger")).body("keyVersion", equalTo(1));
        Map<String, Object> withTtl = answerWith(tenantId, answer, Map.of("ttlSeconds", 300));
        asAdmin().body(withTtl).post("/tenants/{t}/decrypt", tenantId).then().statusCode(200).body("data", equalTo("ledger"));
        asAdmin().body(Map.of("items", List.of(withTtl))).post("/tenants/{t}/decrypt/batch", tenantId)
                .then().statusCode(200).body("succeeded", equalTo(1)).body("results[0].data", equalTo("ledger"));

        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200);
        String rewrapped = asAdmin().body(answer).post("/tenants/{t}/rewrap", tenantId)
                .then().statusCode(200).body("keyVersion", equalTo(2)).extract().asString();
        asAdmin().body(rewrapped).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo("ledger")).body("keyVersion", equalTo(2));
        // keyVersion only says where to look first: a stale one still finds the right key
        asAdmin().body(answerWith(tenantId, answer, Map.of("keyVersion", 2))).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("keyVersion", equalTo(1));
    }

    @Test
    void theRestOfTheAnswerMustStillMakeSense() {
        String tenantId = newTenantId();
        String answer = asAdmin().body(Map.of("data", "ledger")).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(200).extract().asString();
        Map<String, Map<String, Object>> refusals = new java.util.LinkedHashMap<>();
        refusals.put("encryptionMethod", Map.of("encryptionMethod", "aes_gcm"));
        refusals.put("keyVersion", Map.of("keyVersion", 0));
        refusals.put("encryptionTimestamp", Map.of("encryptionTimestamp", "yesterday"));
        refusals.put("colour", Map.of("colour", "red"));
        refusals.forEach((field, change) -> {
            asAdmin().body(answerWith(tenantId, answer, change)).post("/tenants/{t}/decrypt", tenantId)
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
            asAdmin().body(answerWith(tenantId, answer, change)).post("/tenants/{t}/rewrap", tenantId)
                    .then().statusCode(400).body("field", equalTo(field));
        });
    }

    @Test
    void aPayloadOfTheOriginalPlatformDecryptsOnceItsKeyIsImported() {
        String tenantId = newTenantId();
        Key key = Key.generateKey();
        String original = Base64.getEncoder().encodeToString(
                Token.generate(key, "from the original").serialise().getBytes(StandardCharsets.US_ASCII));
        asAdmin().body(Map.of("encryptedPayload", original)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(400).body("field", equalTo("encryptedPayload"));

        asAdmin().body(Map.of("fernetKey", key.serialise())).post("/tenants/{t}/keys/import", tenantId).then().statusCode(200);

        asAdmin().body(Map.of("encryptedPayload", original, "ttlSeconds", 600)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo("from the original")).body("keyVersion", equalTo(1));
        asAdmin().body(Map.of("items", List.of(Map.of("encryptedPayload", original))))
                .post("/tenants/{t}/decrypt/batch", tenantId)
                .then().statusCode(200).body("results[0].data", equalTo("from the original"));
        String ours = asAdmin().body(Map.of("encryptedPayload", original)).post("/tenants/{t}/rewrap", tenantId)
                .then().statusCode(200).extract().path("encryptedPayload");
        asAdmin().body(Map.of("encryptedPayload", ours)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo("from the original"));
        // base64 of something that is not a token is still just a bad token
        for (String bad : List.of(Base64.getEncoder().encodeToString("gAAAAAnot-a-token".getBytes(StandardCharsets.US_ASCII)),
                Base64.getEncoder().encodeToString(new byte[] {(byte) 0x80, 1, 2, 3}))) {
            asAdmin().body(Map.of("encryptedPayload", bad)).post("/tenants/{t}/decrypt", tenantId)
                    .then().statusCode(400).body("detail", equalTo("The token could not be decrypted"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answerWith(String tenantId, String answer, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(io.restassured.path.json.JsonPath.from(answer).getMap("$"));
        body.putAll(changes);
        return body;
    }
}
