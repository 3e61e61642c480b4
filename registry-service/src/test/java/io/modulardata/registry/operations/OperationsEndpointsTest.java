package io.modulardata.registry.operations;

import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** What an operator scrapes and probes: health with its dependencies, metrics, the API description. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class OperationsEndpointsTest {

    @TestHTTPResource(value = "/metrics", management = true) // under the management root, /q
    URL metrics;

    @Test
    void readinessChecksKafkaAndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check"))
                // The Kafka producer of the outbox relay reports its broker connection here.
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.outbox", equalTo("[OK]"));
    }

    @Test
    void metricsExposeTheOutboxRelayOnTheManagementPortOnly() {
        registerTenant(newTenantId());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(metrics).then().statusCode(200)
                .body(containsString("outbox_published_total"))
                .body(containsString("outbox_publish_lag_seconds")));

        // Metrics name tenants: the service's own port does not serve them, with or without a token.
        given().get("/q/metrics").then().statusCode(anyOf(is(401), is(404))).body(not(containsString("outbox_")));
        given().auth().oauth2(TestTokens.platformAdmin()).get("/q/metrics").then().statusCode(404);
        assertThat(metrics.getPort()).isNotEqualTo(RestAssured.port);
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/tenants/{tenantId}/components"))
                .body(containsString("/components/{componentId}/versions/{version}/status"));
    }
}
