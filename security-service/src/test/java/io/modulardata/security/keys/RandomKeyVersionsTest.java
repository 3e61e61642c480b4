package io.modulardata.security.keys;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.encrypt;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.security.crypto.FernetTokens;
import io.modulardata.security.crypto.MasterKey;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityDb;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * New key versions are random keys stored only wrapped (so they can be destroyed), never derivable from the
 * master key; versions derived from it before keep decrypting.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class RandomKeyVersionsTest {

    @Test
    void newVersionsAreRandomKeysThatTheMasterKeyCannotDerive() {
        String tenantId = newTenantId();
        encrypt(tenantId, "first");
        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200);
        asAdmin().get("/tenants/{t}/keys", tenantId).then().statusCode(200)
                .body("versions.origin", contains("random", "random"));
        MasterKey master = SecurityDb.masterKey();
        for (int version = 1; version <= 2; version++) {
            String derivedToken = FernetTokens.encrypt(master.deriveTenantKey(tenantId, version),
                    "made with a derived key".getBytes(StandardCharsets.UTF_8));
            asAdmin().body(Map.of("encryptedPayload", derivedToken)).post("/tenants/{t}/decrypt", tenantId)
                    .then().statusCode(400).body("type", org.hamcrest.Matchers.endsWith("invalid-token"));
        }
    }

    @Test
    void aVersionDerivedBeforeKeepsDecryptingBesideRandomOnes() {
        String tenantId = newTenantId();
        byte[] derived = SecurityDb.masterKey().deriveTenantKey(tenantId, 1);
        // A ring as the service stored it before random keys: version 1 derived from the master key.
        Timestamp then = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
        SecurityDb.execute("insert into key_ring values (?, 1, 1, 1, ?)", tenantId, then);
        SecurityDb.execute("insert into key_version values (?, ?, 1, 'derived', ?)", tenantId + "/1", tenantId, then);
        SecurityDb.execute("insert into key_material (id, wrapped_key) values (?, ?)", tenantId + "/1",
                SecurityDb.masterKey().wrap(tenantId, 1, derived));
        String oldToken = FernetTokens.encrypt(derived, "stored in 2025".getBytes(StandardCharsets.UTF_8));

        asAdmin().body(Map.of("encryptedPayload", oldToken)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo("stored in 2025")).body("keyVersion", equalTo(1));
        asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200);
        asAdmin().get("/tenants/{t}/keys", tenantId).then().statusCode(200)
                .body("versions.origin", contains("random", "derived"));
        asAdmin().body(Map.of("encryptedPayload", oldToken)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo("stored in 2025")).body("keyVersion", equalTo(1));
        String rewrapped = asAdmin().body(Map.of("encryptedPayload", oldToken)).post("/tenants/{t}/rewrap", tenantId)
                .then().statusCode(200).body("keyVersion", equalTo(2)).extract().path("encryptedPayload");
        asAdmin().body(Map.of("minDecryptionVersion", 2)).put("/tenants/{t}/keys/config", tenantId).then().statusCode(200);
        asAdmin().body(Map.of("encryptedPayload", rewrapped)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo("stored in 2025")).body("keyVersion", equalTo(2));
    }
}
