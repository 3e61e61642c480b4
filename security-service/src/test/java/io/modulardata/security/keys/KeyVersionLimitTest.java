package io.modulardata.security.keys;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.encrypt;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.macasaet.fernet.Key;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 11: a ring holds at most {@code modulardata.security.max-decryptable-versions} (default 10) versions
 * that may decrypt; a rotation or import beyond that is a 409 until the operator raises minDecryptionVersion.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class KeyVersionLimitTest {

    private static final int MAX = 10;

    @Test
    void rotationAndImportBeyondTheCapAreRefusedUntilTheMinimumIsRaised() {
        String tenantId = newTenantId();
        String v1Token = encrypt(tenantId, "first");
        for (int version = 2; version <= MAX; version++) {
            asAdmin().post("/tenants/{t}/keys/rotate", tenantId).then().statusCode(200).body("primaryVersion", equalTo(version));
        }
        String before = asAdmin().get("/tenants/{t}/keys", tenantId).then().statusCode(200).extract().asString();

        asAdmin().post("/tenants/{t}/keys/rotate", tenantId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("minDecryptionVersion")).body("detail", containsString(String.valueOf(MAX)));
        asAdmin().body(Map.of("fernetKey", Key.generateKey().serialise())).post("/tenants/{t}/keys/import", tenantId)
                .then().statusCode(409).contentType("application/problem+json");
        asAdmin().get("/tenants/{t}/keys", tenantId).then().statusCode(200).body(equalTo(before));
        // every version inside the cap still decrypts
        asAdmin().body(Map.of("encryptedPayload", v1Token)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("keyVersion", equalTo(1));

        asAdmin().body(Map.of("minDecryptionVersion", 2)).put("/tenants/{t}/keys/config", tenantId).then().statusCode(200);
        asAdmin().post("/tenants/{t}/keys/rotate", tenantId)
                .then().statusCode(200).body("primaryVersion", equalTo(MAX + 1)).body("versions", hasSize(MAX + 1));
        // lowering the minimum again would make 11 versions decryptable
        asAdmin().body(Map.of("minDecryptionVersion", 1)).put("/tenants/{t}/keys/config", tenantId)
                .then().statusCode(400).body("field", equalTo("minDecryptionVersion"))
                .body("detail", containsString(String.valueOf(MAX)));
        asAdmin().body(Map.of("minDecryptionVersion", 2)).put("/tenants/{t}/keys/config", tenantId).then().statusCode(200);
    }
}
