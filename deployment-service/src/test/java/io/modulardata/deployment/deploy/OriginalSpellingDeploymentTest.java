package io.modulardata.deployment.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.modulardata.deployment.registry.RegistryFacts;
import io.modulardata.deployment.support.RegistryEventsPublisher;
import io.modulardata.events.DataEnvironment;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** A deployment request in the original platform's spelling (environment, scaling metrics, volume type) is taken and published in ours. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class OriginalSpellingDeploymentTest {

    @Inject
    RegistryEventsPublisher registry;

    @Inject
    RegistryFacts facts;

    private final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String component = "etl-" + UUID.randomUUID().toString().substring(0, 8);

    private Map<String, Object> body(String environment) {
        return Map.of("componentId", component, "componentVersion", "1.0.0", "environment", environment,
                "container", Map.of("imageName", "registry.example.com/data/etl", "imageTag", "1.0.0", "containerName", "etl",
                        "scalingMetrics", List.of("CPU", "Data-Throughput"),
                        "dataVolumes", List.of(Map.of("name", "scratch", "mountPath", "/scratch", "type", "Ephemeral"))));
    }

    private io.restassured.response.ValidatableResponse deploy(String environment) {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType(ContentType.JSON).body(body(environment))
                .post("/tenants/" + tenant + "/deployments").then();
    }

    private boolean knowsTheGrant() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> facts.isGranted(tenant, component + "-1.0.0")));
        } catch (Throwable notYet) {
            return false;
        }
    }

    @Test
    void theOriginalsEnvironmentSpellingIsDeployedAndPublishedInOurs() {
        registry.publish(registry.tenantRegistered(tenant, 3, List.of(DataEnvironment.STAGING, DataEnvironment.DISASTER_RECOVERY)));
        registry.publish(registry.componentRegistered(component, "1.0.0", "registry.example.com/data/etl"));
        registry.publish(registry.granted(tenant, component, "1.0.0", 2));
        await().atMost(Duration.ofSeconds(30)).until(this::knowsTheGrant);

        var config = ConfigProvider.getConfig();
        try (EventProbe probe = new EventProbe(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class), List.of("deployment-events"))) {
            String deploymentId = deploy("Disaster-Recovery").statusCode(202).extract().path("deploymentId");

            RecordedEvent requested = probe.await(e -> e.type().endsWith("DeploymentRequested")
                    && deploymentId.equals(e.field("deploymentId")), Duration.ofSeconds(30));
            assertThat(requested.field("environment")).isEqualTo("DISASTER_RECOVERY");
            GenericRecord container = (GenericRecord) requested.value().get("container");
            assertThat(container.get("scalingMetrics").toString()).isEqualTo("[cpu, data_throughput]");
            assertThat(((GenericRecord) ((List<?>) container.get("dataVolumes")).get(0)).get("type").toString()).isEqualTo("ephemeral");
            given().auth().oauth2(TestTokens.tenantUser(tenant)).get("/deployments/" + deploymentId).then().statusCode(200)
                    .body("environment", equalTo("DISASTER_RECOVERY"));
        }
        // Parsed first, then checked against the tenant: an environment it may not use is still a 422, an unknown one a 400.
        deploy("production").statusCode(422).body("field", equalTo("environment"));
        deploy("moon").statusCode(400).contentType("application/problem+json").body("field", equalTo("environment"))
                .body("detail", containsString("allowed: DEVELOPMENT, STAGING, PRODUCTION, DISASTER_RECOVERY"));
    }
}
