package io.modulardata.registry.operations;

import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What an operator scrapes and probes: health with its dependencies, metrics, the API description. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class OperationsEndpointsTest {

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
    void metricsExposeTheOutboxRelay() {
        registerTenant(newTenantId());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("outbox_published_total"))
                .body(containsString("outbox_publish_lag_seconds")));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/tenants/{tenantId}/components"))
                .body(containsString("/components/{componentId}/versions/{version}/status"));
    }
}
