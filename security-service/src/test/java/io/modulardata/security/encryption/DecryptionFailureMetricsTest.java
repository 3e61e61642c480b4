package io.modulardata.security.encryption;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.encrypt;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.ScrapedMetrics;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Failed decryptions are counted on the management port, per operation, for the operators' alerts. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class DecryptionFailureMetricsTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void countsEachTokenThatDoesNotDecryptByOperation() {
        String tenantId = newTenantId();
        String token = encrypt(tenantId, "a secret");
        String broken = token.substring(0, token.length() - 12);
        double decryptsBefore = failures("decrypt");
        double rewrapsBefore = failures("rewrap");
        double batchItemsBefore = failures("decrypt_batch");

        asAdmin().body(Map.of("encryptedPayload", broken)).post("/tenants/{t}/decrypt", tenantId).then().statusCode(400);
        asAdmin().body(Map.of("encryptedPayload", token)).post("/tenants/{t}/decrypt", tenantId).then().statusCode(200);
        asAdmin().body(Map.of("encryptedPayload", broken)).post("/tenants/{t}/rewrap", tenantId).then().statusCode(400);
        asAdmin().body(Map.of("items", java.util.List.of(Map.of("encryptedPayload", broken), Map.of("encryptedPayload", broken))))
                .post("/tenants/{t}/decrypt/batch", tenantId).then().statusCode(200);

        assertThat(failures("decrypt")).isEqualTo(decryptsBefore + 1);
        assertThat(failures("rewrap")).isEqualTo(rewrapsBefore + 1);
        assertThat(failures("decrypt_batch")).isEqualTo(batchItemsBefore + 2);
    }

    private double failures(String operation) {
        return scrape().value("decryption_failures_total", Map.of("operation", operation)).orElse(0);
    }

    private ScrapedMetrics scrape() {
        return new ScrapedMetrics(given().get(metrics).then().statusCode(200).extract().asString());
    }
}
