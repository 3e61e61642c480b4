package io.modulardata.security.encryption;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.temporal.TemporalAmount;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.StringValidator;
import com.macasaet.fernet.Token;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Interoperability through the API with an independent Fernet implementation (fernet-java8, test scope
 * only): a key made by the library is imported (BYOK); tokens the service makes decrypt in the library,
 * and tokens the library makes decrypt in the service.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class FernetInteropTest {

    private static final String DATA = "Grüße, interop ✓ " + "x".repeat(100);

    @Test
    void tokensMadeHereDecryptInTheLibraryAndLibraryTokensDecryptHere() {
        String tenantId = SecurityApi.newTenantId();
        Key key = Key.generateKey();
        asAdmin().body(Map.of("fernetKey", key.serialise())).post("/tenants/{t}/keys/import", tenantId)
                .then().statusCode(200);

        String ours = asAdmin().body(Map.of("data", DATA)).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(200).extract().path("encryptedPayload");
        assertThat(Token.fromString(ours).validateAndDecrypt(key, tenMinutes())).isEqualTo(DATA);

        String theirs = Token.generate(key, DATA).serialise();
        asAdmin().body(Map.of("encryptedPayload", theirs, "ttlSeconds", 600)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(200).body("data", equalTo(DATA));
    }

    @Test
    void libraryTokensUnderAnotherKeyAreRefused() {
        String tenantId = SecurityApi.newTenantId();
        asAdmin().body(Map.of("fernetKey", Key.generateKey().serialise())).post("/tenants/{t}/keys/import", tenantId)
                .then().statusCode(200);
        String foreign = Token.generate(Key.generateKey(), DATA).serialise();
        asAdmin().body(Map.of("encryptedPayload", foreign)).post("/tenants/{t}/decrypt", tenantId)
                .then().statusCode(400).body("field", equalTo("encryptedPayload"));
    }

    private static StringValidator tenMinutes() {
        return new StringValidator() {
            @Override
            public TemporalAmount getTimeToLive() {
                return Duration.ofMinutes(10);
            }
        };
    }
}
