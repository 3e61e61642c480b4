package io.modulardata.security.encryption;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.Token;
import com.macasaet.fernet.Validator;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 11: a Fernet token may hold any bytes (Python's Fernet encrypts bytes). Rewrap carries them exactly,
 * decrypt answers bytes that are not UTF-8 as base64 and says so, encrypt takes base64 for binary data.
 * Tokens are made and read by an independent implementation (fernet-java8) with keys imported into the ring.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class BinaryPlaintextTest {

    /** Not UTF-8: NUL, a lone continuation byte, an overlong '/', 0xFF and 0xFE. */
    static final byte[] BINARY = {0x00, (byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xFF, 'b', 'i', 'n', (byte) 0xFE};
    static final String BINARY_BASE64 = Base64.getEncoder().encodeToString(BINARY);

    @Test
    void rewrapCarriesTheExactBytesOfATokenMadeElsewhere() {
        String tenantId = newTenantId();
        Key first = importNewKey(tenantId);
        String theirs = Token.generate(first, BINARY).serialise();
        Key second = importNewKey(tenantId);

        String rewrapped = asAdmin().body(Map.of("encryptedPayload", theirs)).post("/tenants/{t}/rewrap", tenantId)
                .then().statusCode(200).body("keyVersion", equalTo(2)).extract().path("encryptedPayload");

        assertThat(Token.fromString(rewrapped).validateAndDecrypt(second, bytes())).isEqualTo(BINARY);
        for (String token : List.of(theirs, rewrapped)) {
            asAdmin().body(Map.of("encryptedPayload", token)).post("/tenants/{t}/decrypt", tenantId)
                    .then().statusCode(200).body("data", equalTo(BINARY_BASE64)).body("dataEncoding", equalTo("base64"));
        }
    }

    @Test
    void encryptTakesBase64AndDecryptAnswersTextOnlyWhenTheBytesAreUtf8() {
        String tenantId = newTenantId();
        Key key = importNewKey(tenantId);
        String binary = encrypt(tenantId, Map.of("data", BINARY_BASE64, "dataEncoding", "base64"));
        assertThat(Token.fromString(binary).validateAndDecrypt(key, bytes())).isEqualTo(BINARY);
        decrypt(tenantId, binary).then().body("data", equalTo(BINARY_BASE64)).body("dataEncoding", equalTo("base64"));

        String text = "Grüße ✓";
        String utf8InBase64 = encrypt(tenantId, Map.of("data",
                Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)), "dataEncoding", "base64"));
        decrypt(tenantId, utf8InBase64).then().body("data", equalTo(text)).body("dataEncoding", equalTo("utf8"));
        String plain = encrypt(tenantId, Map.of("data", text, "dataEncoding", "utf8"));
        decrypt(tenantId, plain).then().body("data", equalTo(text)).body("dataEncoding", equalTo("utf8"));
        assertThat(Token.fromString(plain).validateAndDecrypt(key, bytes())).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        // url-safe base64 without padding is base64 too
        String urlSafe = encrypt(tenantId, Map.of("data", Base64.getUrlEncoder().withoutPadding().encodeToString(BINARY),
                "dataEncoding", "base64"));
        decrypt(tenantId, urlSafe).then().body("data", equalTo(BINARY_BASE64));
    }

    @Test
    void batchesCarryTheEncodingPerItem() {
        String tenantId = newTenantId();
        List<String> tokens = asAdmin().body(Map.of("items", List.of(Map.of("data", BINARY_BASE64, "dataEncoding", "base64"),
                        Map.of("data", "text"), Map.of("data", "%%%", "dataEncoding", "base64"))))
                .post("/tenants/{t}/encrypt/batch", tenantId)
                .then().statusCode(200).body("succeeded", equalTo(2)).body("results[2].success", equalTo(false))
                .body("results[2].error", equalTo("data is not base64")).extract().path("results.encryptedPayload");
        asAdmin().body(Map.of("items", List.of(Map.of("encryptedPayload", tokens.get(0)),
                        Map.of("encryptedPayload", tokens.get(1)))))
                .post("/tenants/{t}/decrypt/batch", tenantId)
                .then().statusCode(200).body("succeeded", equalTo(2))
                .body("results[0].data", equalTo(BINARY_BASE64)).body("results[0].dataEncoding", equalTo("base64"))
                .body("results[1].data", equalTo("text")).body("results[1].dataEncoding", equalTo("utf8"));
    }

    @Test
    void refusesDataThatIsNotWhatItsEncodingSays() {
        String tenantId = newTenantId();
        for (String notBase64 : List.of("not base64!", "QUJD\nREVG", "QUJD====", "Q")) {
            asAdmin().body(Map.of("data", notBase64, "dataEncoding", "base64")).post("/tenants/{t}/encrypt", tenantId)
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("data"));
        }
        asAdmin().body(Map.of("data", "x", "dataEncoding", "hex")).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(400).body("field", equalTo("dataEncoding"));
    }

    private static Key importNewKey(String tenantId) {
        Key key = Key.generateKey();
        asAdmin().body(Map.of("fernetKey", key.serialise())).post("/tenants/{t}/keys/import", tenantId).then().statusCode(200);
        return key;
    }

    private static String encrypt(String tenantId, Map<String, Object> body) {
        return asAdmin().body(body).post("/tenants/{t}/encrypt", tenantId)
                .then().statusCode(200).extract().path("encryptedPayload");
    }

    private static io.restassured.response.Response decrypt(String tenantId, String token) {
        io.restassured.response.Response answer = asAdmin().body(Map.of("encryptedPayload", token))
                .post("/tenants/{t}/decrypt", tenantId);
        answer.then().statusCode(200);
        return answer;
    }

    /** The library's validator for raw bytes (its default reads text). */
    private static Validator<byte[]> bytes() {
        return new Validator<>() {
            @Override
            public Function<byte[], byte[]> getTransformer() {
                return Function.identity();
            }
        };
    }
}
