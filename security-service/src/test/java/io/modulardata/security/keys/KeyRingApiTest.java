package io.modulardata.security.keys;

import static io.modulardata.security.support.SecurityApi.as;
import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.details;
import static io.modulardata.security.support.SecurityApi.fields;
import static io.modulardata.security.support.SecurityApi.encrypt;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modulardata.events.KeyImported;
import io.modulardata.events.KeyRotated;
import io.modulardata.events.MinDecryptionVersionChanged;
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
class KeyRingApiTest {

    @Test
    void rotationMinDecryptionVersionAndRewrapBehaveLikeVaultTransit() {
        String tenantId = newTenantId();
        String admin = TestTokens.tenantAdmin(tenantId);
        String v1Token = encrypt(tenantId, "payroll");
        String correlation = "corr-" + UUID.randomUUID();
        try (EventProbe events = SecurityApi.probe()) {
            as(admin).header("X-Correlation-Id", correlation).post("/tenants/{t}/keys/rotate", tenantId)
                    .then().statusCode(200).body("primaryVersion", equalTo(2)).body("versions.version", contains(2, 1))
                    .body("versions.state", contains("primary", "active"));
            // new data goes under v2; v1 tokens still decrypt
            asAdmin().body(Map.of("data", "x")).post("/tenants/{t}/encrypt", tenantId).then().body("keyVersion", equalTo(2));
            asAdmin().body(Map.of("encryptedPayload", v1Token)).post("/tenants/{t}/decrypt", tenantId)
                    .then().statusCode(200).body("data", equalTo("payroll")).body("keyVersion", equalTo(1));
            // rewrap: same data under the newest version, plaintext not returned
            String v2Token = as(TestTokens.tenantUser(tenantId)).header("X-Correlation-Id", correlation)
                    .body(Map.of("encryptedPayload", v1Token)).post("/tenants/{t}/rewrap", tenantId)
                    .then().statusCode(200).body("keyVersion", equalTo(2)).body("$", not(hasKey("data")))
                    .extract().path("encryptedPayload");
            assertThat(v2Token).isNotEqualTo(v1Token);
            // raise the minimum: v1 tokens are refused, the rewrapped one decrypts
            as(admin).header("X-Correlation-Id", correlation).body(Map.of("minDecryptionVersion", 2))
                    .put("/tenants/{t}/keys/config", tenantId)
                    .then().statusCode(200).body("minDecryptionVersion", equalTo(2))
                    .body("versions.state", contains("primary", "decryption_disabled"));
            asAdmin().body(Map.of("encryptedPayload", v1Token)).post("/tenants/{t}/decrypt", tenantId).then().statusCode(400);
            asAdmin().body(Map.of("encryptedPayload", v1Token)).post("/tenants/{t}/rewrap", tenantId).then().statusCode(400);
            asAdmin().body(Map.of("encryptedPayload", v2Token)).post("/tenants/{t}/decrypt", tenantId)
                    .then().statusCode(200).body("data", equalTo("payroll"));

            RecordedEvent rotated = SecurityApi.await(events, tenantId, KeyRotated.class, correlation);
            assertThat(fields(rotated)).containsEntry("keyVersion", "2");
            assertThat(rotated.field("aggregateId")).isEqualTo(tenantId);
            assertThat(rotated.value().get("aggregateVersion")).isEqualTo(2L);
            RecordedEvent rewrap = SecurityApi.await(events, tenantId, "rewrap", correlation);
            assertThat(details(rewrap)).containsEntry("fromKeyVersion", "1").containsEntry("keyVersion", "2");
            assertThat(rewrap.value().toString()).doesNotContain("payroll");
            RecordedEvent config = SecurityApi.await(events, tenantId, MinDecryptionVersionChanged.class, correlation);
            assertThat(fields(config)).containsEntry("minDecryptionVersion", "2");
        }
    }

    @Test
    void refusesMinDecryptionVersionOutsideTheRing() {
        String tenantId = newTenantId();
        encrypt(tenantId, "x");
        asAdmin().body(Map.of("minDecryptionVersion", 2)).put("/tenants/{t}/keys/config", tenantId)
                .then().statusCode(400).body("field", equalTo("minDecryptionVersion"));
        asAdmin().body(Map.of("minDecryptionVersion", 1)).put("/tenants/{t}/keys/config", newTenantId()).then().statusCode(404);
    }

    @Test
    void importedKeyBecomesPrimaryAndIsNeverShown() {
        String tenantId = newTenantId();
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        String key = Base64.getUrlEncoder().encodeToString(material);
        String correlation = "corr-" + UUID.randomUUID();
        try (EventProbe events = SecurityApi.probe()) {
            String listing = as(TestTokens.tenantAdmin(tenantId)).header("X-Correlation-Id", correlation)
                    .body(Map.of("fernetKey", key)).post("/tenants/{t}/keys/import", tenantId)
                    .then().statusCode(200).body("primaryVersion", equalTo(1)).body("versions[0].origin", equalTo("imported"))
                    .extract().asString();
            assertThat(listing).doesNotContain(key);
            String token = encrypt(tenantId, "byok");
            assertThat(com.macasaet.fernet.Token.fromString(token).isValidSignature(new com.macasaet.fernet.Key(material)))
                    .isTrue();
            RecordedEvent imported = SecurityApi.await(events, tenantId, KeyImported.class, correlation);
            assertThat(imported.value().toString()).doesNotContain(key);
        }
        as(TestTokens.auditor()).get("/tenants/{t}/keys", tenantId).then().statusCode(200)
                .body("versions[0].state", equalTo("primary"));
    }

    @Test
    void rejectsMalformedImportsAndForeignOrReadOnlyCallers() {
        String tenantId = newTenantId();
        asAdmin().body(Map.of("fernetKey", "c2hvcnQ=")).post("/tenants/{t}/keys/import", tenantId)
                .then().statusCode(400).body("field", equalTo("fernetKey")).body("detail", not(org.hamcrest.Matchers.containsString("c2hvcnQ")));
        asAdmin().body(Map.of()).post("/tenants/{t}/keys/import", tenantId).then().statusCode(400).body("field", equalTo("fernetKey"));
        as(TestTokens.tenantUser(tenantId)).post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(403);
        as(TestTokens.tenantAdmin(newTenantId())).post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(404);
        as(TestTokens.auditor()).post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(403);
        asAdmin().get("/tenants/{t}/keys", newTenantId()).then().statusCode(404);
    }

    @Test
    void readModelsRebuiltFromTheLogKeepKeyRingsUsable() {
        String tenantId = newTenantId();
        String v1Token = encrypt(tenantId, "ledger");
        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200);
        asAdmin().body(Map.of("minDecryptionVersion", 1)).put("/tenants/{t}/keys/config", tenantId).then().statusCode(200);
        String before = asAdmin().get("/tenants/{t}/keys", tenantId).then().statusCode(200).extract().asString();

        asAdmin().post("/admin/read-models/rebuild").then().statusCode(200);

        assertThat(asAdmin().get("/tenants/{t}/keys", tenantId).then().statusCode(200).extract().asString()).isEqualTo(before);
        asAdmin().body(Map.of("encryptedPayload", v1Token)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo("ledger"));
        as(TestTokens.tenantAdmin(tenantId)).post("/admin/read-models/rebuild").then().statusCode(403);
    }

    @Test
    void readsAreAuditedToo() {
        String tenantId = newTenantId();
        encrypt(tenantId, "x");
        String correlation = "corr-" + UUID.randomUUID();
        try (EventProbe events = SecurityApi.probe()) {
            as(TestTokens.auditor()).header("X-Correlation-Id", correlation).get("/tenants/{t}/keys", tenantId)
                    .then().statusCode(200);
            RecordedEvent listed = SecurityApi.await(events, tenantId, "keys_listed", correlation);
            assertThat(listed.field("actor")).isEqualTo("test-auditor");
            assertThat(details(listed)).containsEntry("primaryVersion", "1");
        }
    }
}
