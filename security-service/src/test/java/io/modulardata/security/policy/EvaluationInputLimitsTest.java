package io.modulardata.security.policy;

import static io.modulardata.security.policy.PolicyApiTest.evaluation;
import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * Issue 11: a long source address made of characters an IPv6 address may hold used to keep the event loop
 * busy for minutes (a backtracking regular expression); every free-text field of an evaluation is capped.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class EvaluationInputLimitsTest {

    private static final String PATHOLOGICAL_ADDRESS = IpLiteralsTest.PATHOLOGICAL_ADDRESS;
    /** The answer must come long before this; it only stops the test from waiting for a frozen service. */
    private static final RestAssuredConfig GIVE_UP_AFTER_10_S = RestAssured.config()
            .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 10_000));

    @TestHTTPResource("/")
    URI baseUrl;

    @Test
    void aPathologicalSourceIpIsRefusedWithin100Milliseconds() throws Exception {
        String policy = newPolicy();
        String body = new ObjectMapper().writeValueAsString(
                evaluation(newTenantId(), Map.of("sourceIp", PATHOLOGICAL_ADDRESS)));
        // A plain JDK client and a body written once: the time measured is the service's, not a client library's.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/policies/" + policy + "/evaluate"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TestTokens.platformAdmin())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        // Warm-up: the first such request pays for class loading, JIT and token verification, not for the address.
        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);

        // The fastest of five: a busy machine (2 cores shared with the build) can stall any one request, while
        // the backtracking this guards against made every one of them take seconds.
        long millis = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long started = System.nanoTime();
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            millis = Math.min(millis, (System.nanoTime() - started) / 1_000_000);

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"field\":\"sourceIp\"");
        }
        assertThat(millis).as("time to refuse a 100,000-character sourceIp (fastest of 5)").isLessThan(100);
    }

    @Test
    void everyFreeTextFieldOfAnEvaluationIsCapped() {
        String policy = newPolicy();
        String tenantId = newTenantId();
        // 46 characters of a well-formed IPv6 shape: longer than any textual address (45).
        String tooLong = "0000:0000:0000:0000:0000:ffff:192.168.100.1000";
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("sourceIp", tooLong);
        refusals.put("at", "2030-03-01T09:30:00" + "0".repeat(100_000) + "Z");
        refusals.put("operation", "a".repeat(100_000));
        refusals.put("dataType", "a".repeat(100_000));
        refusals.put("permission", "a".repeat(100_000));
        refusals.put("tenantId", "a".repeat(100_000));
        refusals.forEach((field, value) -> evaluate(policy, evaluation(tenantId, Map.of(field, value)))
                .then().statusCode(400).body("field", equalTo(field)));
    }

    @Test
    void addressesThatAreNotPlainLiteralsAreRefused() {
        String policy = newPolicy();
        String tenantId = newTenantId();
        for (String address : List.of("fe80::1%eth0", "010.0.0.1", "10.0.0.256", "10.0.0", "1::2::3", "1:2:3:4:5:6:7:8:9",
                "::ffff:1.2.3", "12345::", ":1::", "1::.", "localhost", " 10.0.0.1", "10.0.0.1\n", "")) {
            evaluate(policy, evaluation(tenantId, Map.of("sourceIp", address)))
                    .then().statusCode(400).body("field", equalTo("sourceIp"));
        }
    }

    @Test
    void ipv4AndIpv6LiteralsStillMatchTheirRanges() {
        String policy = newPolicy();
        String tenantId = newTenantId();
        admin().body(Map.of("permissions", List.of("read"),
                        "conditions", Map.of("allowedCidrs", List.of("10.0.0.0/8", "2001:db8::/32", "::1/128"))))
                .put("/policies/{p}/access-controls/{t}", policy, tenantId).then().statusCode(200);
        for (String inside : List.of("10.255.0.1", "2001:db8::7", "2001:DB8:0:0:0:0:0:1", "::1", "::ffff:10.1.2.3",
                "2001:db8::10.0.0.1", "0:0:0:0:0:0:0:1")) {
            evaluate(policy, evaluation(tenantId, Map.of("sourceIp", inside)))
                    .then().statusCode(200).body("reasons", empty());
        }
        for (String outside : List.of("11.0.0.1", "2001:db9::1", "::2", "fe80::1", "0.0.0.0", "::")) {
            evaluate(policy, evaluation(tenantId, Map.of("sourceIp", outside)))
                    .then().statusCode(200).body("reasons", contains("source_ip_not_allowed"));
        }
    }

    @Test
    void grantConditionsAreCappedToo() {
        String policy = newPolicy();
        String tenantId = newTenantId();
        List<String> tooMany = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "10.0." + i + ".0/24").toList();
        admin().body(Map.of("permissions", List.of("read"), "conditions", Map.of("allowedCidrs", tooMany)))
                .put("/policies/{p}/access-controls/{t}", policy, tenantId)
                .then().statusCode(400).body("field", equalTo("conditions.allowedCidrs"));
        admin().body(Map.of("permissions", List.of("read"),
                        "conditions", Map.of("allowedCidrs", List.of(PATHOLOGICAL_ADDRESS + "/8"))))
                .put("/policies/{p}/access-controls/{t}", policy, tenantId)
                .then().statusCode(400).body("field", equalTo("conditions.allowedCidrs[0]"));
        admin().body(Map.of("permissions", List.of("read"), "expiresAt", "2030-01-01T00:00:00" + "0".repeat(100_000) + "Z"))
                .put("/policies/{p}/access-controls/{t}", policy, tenantId)
                .then().statusCode(400).body("field", equalTo("expiresAt"));
        admin().body(Map.of("permissions", List.of("read"), "conditions", Map.of("allowedHoursUtc", "0".repeat(100_000))))
                .put("/policies/{p}/access-controls/{t}", policy, tenantId)
                .then().statusCode(400).body("field", equalTo("conditions.allowedHoursUtc"));
    }

    private static Response evaluate(String policy, Map<String, Object> body) {
        return admin().body(body).post("/policies/{p}/evaluate", policy);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return asAdmin().config(GIVE_UP_AFTER_10_S);
    }

    private static String newPolicy() {
        String policy = "p" + UUID.randomUUID().toString().substring(0, 8);
        asAdmin().body(Map.of()).put("/policies/{p}", policy).then().statusCode(201);
        return policy;
    }
}
