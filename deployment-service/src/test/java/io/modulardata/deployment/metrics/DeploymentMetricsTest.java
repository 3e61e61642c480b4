package io.modulardata.deployment.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.deployment.rollout.DeploymentStatus;
import io.modulardata.deployment.support.RegistryEventsPublisher;
import io.modulardata.events.DataEnvironment;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.ScrapedMetrics;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

/** What deployment-service tells Prometheus: registry-events consumed and its lag, and rollouts by status. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class DeploymentMetricsTest {

    private static final Map<String, String> REGISTRY_EVENTS = Map.of("group", "deployment-service", "topic", "registry-events");
    private static final Duration SOON = Duration.ofSeconds(30);

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    RegistryEventsPublisher registry;

    @Inject
    Pool pool;

    @Test
    void countsConsumedRegistryEventsAndExportsTheConsumerLagPerPartition() {
        double consumedBefore = scrape().value("events_consumed_total", REGISTRY_EVENTS).orElse(0);

        publishTenantWithGrant(newId("t"), newId("etl"));

        await().atMost(SOON).untilAsserted(() -> assertThat(scrape().value("events_consumed_total", REGISTRY_EVENTS))
                .hasValue(consumedBefore + 3));
        await().atMost(SOON).untilAsserted(() -> assertThat(scrape().value("consumer_lag", REGISTRY_EVENTS)).hasValue(0));
        assertThat(scrape().toString()).contains("consumer_lag{group=\"deployment-service\",partition=\"0\",topic=\"registry-events\"}");
    }

    @Test
    void countsRolloutsByStatusFromTheReadModel() {
        String tenant = newId("t");
        String component = newId("etl");
        double consumedBefore = scrape().value("events_consumed_total", REGISTRY_EVENTS).orElse(0);
        publishTenantWithGrant(tenant, component);
        await().atMost(SOON).until(() -> scrape().value("events_consumed_total", REGISTRY_EVENTS).orElse(0) >= consumedBefore + 3);
        // The baseline comes from the read model itself: the gauge may not have caught up with an earlier test's rollout yet.
        long rolloutsBefore = deploymentRows();

        given().header("Authorization", "Bearer " + TestTokens.tenantAdmin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("componentId", component, "componentVersion", "1.0.0", "environment", "STAGING",
                        "container", Map.of("imageName", "registry.example.com/data/" + component, "imageTag", "1.0.0",
                                "containerName", "etl", "cpuCores", 0.5, "memoryGb", 4.0)))
                .post("/tenants/" + tenant + "/deployments").then().statusCode(202);

        assertThat(deploymentRows()).isEqualTo(rolloutsBefore + 1);
        await().atMost(SOON).untilAsserted(() -> assertThat(allRollouts()).isEqualTo(rolloutsBefore + 1.0));
        for (DeploymentStatus status : DeploymentStatus.values()) {
            assertThat(scrape().value("rollouts", Map.of("status", status.name()))).as(status.name()).isPresent();
        }
    }

    private void publishTenantWithGrant(String tenant, String component) {
        registry.publish(registry.tenantRegistered(tenant, 2, List.of(DataEnvironment.STAGING)));
        registry.publish(registry.componentRegistered(component, "1.0.0", "registry.example.com/data/" + component));
        registry.publish(registry.granted(tenant, component, "1.0.0", 2));
    }

    private double allRollouts() {
        ScrapedMetrics scraped = scrape();
        double sum = 0;
        for (DeploymentStatus status : DeploymentStatus.values()) {
            sum += scraped.value("rollouts", Map.of("status", status.name())).orElse(0);
        }
        return sum;
    }

    private long deploymentRows() {
        return pool.query("select count(*) from deployment").execute().await().atMost(SOON).iterator().next().getLong(0);
    }

    private ScrapedMetrics scrape() {
        return new ScrapedMetrics(given().get(metrics).then().statusCode(200).extract().asString());
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
