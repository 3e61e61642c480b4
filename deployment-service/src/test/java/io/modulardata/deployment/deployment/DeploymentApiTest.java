package io.modulardata.deployment.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.modulardata.deployment.support.RegistryEventsPublisher;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.DataEnvironment;
import io.modulardata.infra.testing.EventProbe;
import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.modulardata.infra.testing.RecordedEvent;
import io.modulardata.infra.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The deployment REST API against real PostgreSQL, Kafka and Apicurio; the registry is played by publishing its events. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class DeploymentApiTest {

    private static RegistryEventsPublisher registry;

    @BeforeAll
    static void connect() {
        registry = new RegistryEventsPublisher();
    }

    @AfterAll
    static void disconnect() {
        registry.close();
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static Map<String, Object> body(String componentId, String environment) {
        return Map.of("componentId", componentId, "componentVersion", "1.0.0", "environment", environment,
                "container", Map.of("imageName", "registry.example.com/data/" + componentId, "imageTag", "1.0.0",
                        "containerName", "etl", "cpuCores", 0.5, "memoryGb", 4.0));
    }

    @jakarta.inject.Inject
    io.modulardata.deployment.tenancy.RegistryFacts facts;

    /** A tenant (max jobs, STAGING only) with a granted component in the given status, once the service knows all of it. */
    private void tenantWithGrant(String tenant, String component, int maxJobs, ComponentStatus status) {
        registry.publish(registry.tenantRegistered(tenant, maxJobs, List.of(DataEnvironment.STAGING)));
        registry.publish(registry.componentRegistered(component, "1.0.0"));
        if (status != ComponentStatus.ACTIVE) {
            registry.publish(registry.statusChanged(component, "1.0.0", ComponentStatus.ACTIVE, status, 2));
        }
        registry.publish(registry.granted(tenant, component, "1.0.0", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> known(tenant, component, status));
    }

    private boolean known(String tenant, String component, ComponentStatus status) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache.withSession(() ->
                    facts.isGranted(tenant, component + "-1.0.0").chain(granted -> facts.component(component + "-1.0.0")
                            .map(found -> granted && found.filter(c -> c.status() == status).isPresent()))));
        } catch (Throwable e) {
            return false;
        }
    }

    @Test
    void acceptsADeploymentAndPublishesDeploymentRequested() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 2, ComponentStatus.ACTIVE);
        var config = ConfigProvider.getConfig();
        try (EventProbe probe = new EventProbe(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class), List.of("deployment-events"))) {
            String deploymentId = as(TestTokens.tenantAdmin(tenant)).body(body(component, "STAGING"))
                    .post("/tenants/" + tenant + "/deployments")
                    .then().statusCode(202)
                    .header("Location", containsString("/deployments/"))
                    .body("status", equalTo("REQUESTED"))
                    .body("targetSlot", equalTo("BLUE"))
                    .body("links.rollback", notNullValue())
                    .extract().path("deploymentId");

            as(TestTokens.tenantUser(tenant)).get("/deployments/" + deploymentId).then().statusCode(200)
                    .body("tenantId", equalTo(tenant)).body("componentKey", equalTo(component + "-1.0.0"))
                    .body("status", equalTo("REQUESTED")).body("environment", equalTo("STAGING"));
            as(TestTokens.tenantUser(tenant)).get("/tenants/" + tenant + "/deployments").then().statusCode(200)
                    .body("deploymentId", hasItem(deploymentId));
            // another tenant sees nothing
            as(TestTokens.tenantUser("other")).get("/deployments/" + deploymentId).then().statusCode(404);

            RecordedEvent requested = probe.await(e -> e.type().endsWith("DeploymentRequested")
                    && deploymentId.equals(e.field("deploymentId")), Duration.ofSeconds(30));
            assertThat(requested.key()).isEqualTo(tenant);
            assertThat(requested.field("componentKey")).isEqualTo(component + "-1.0.0");
            assertThat(requested.field("targetSlot")).isEqualTo("BLUE");
        }
    }

    @Test
    void refusesASecondRolloutOfTheSameComponentWhileOneIsInProgress() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 5, ComponentStatus.ACTIVE);
        as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(202);
        as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("still rolling out"));
    }

    @Test
    void refusesByTheRegistryRules() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 1, ComponentStatus.ACTIVE);
        as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/ghost-tenant/deployments").then().statusCode(404);
        as(TestTokens.platformAdmin()).body(body(component, "PRODUCTION")).post("/tenants/" + tenant + "/deployments").then()
                .statusCode(422).body("field", equalTo("environment"));
        as(TestTokens.platformAdmin()).body(body("never-granted", "STAGING")).post("/tenants/" + tenant + "/deployments").then()
                .statusCode(403).body("field", equalTo("componentVersion"));
        as(TestTokens.tenantUser(tenant)).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(403);
        // maxConcurrentJobs = 1: the first component takes it
        as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(202);
        String second = newId("etl");
        registry.publish(registry.componentRegistered(second, "1.0.0"));
        registry.publish(registry.granted(tenant, second, "1.0.0", 10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.platformAdmin()).body(body(second, "STAGING"))
                .post("/tenants/" + tenant + "/deployments").then().statusCode(409).body("detail", containsString("1 of its 1")));
    }

    @Test
    void refusesRetiredVersionsAndWarnsOnDeprecatedOnes() {
        String tenant = newId("t");
        String sunset = newId("old");
        tenantWithGrant(tenant, sunset, 5, ComponentStatus.SUNSET);
        as(TestTokens.platformAdmin()).body(body(sunset, "STAGING")).post("/tenants/" + tenant + "/deployments").then()
                .statusCode(409).body("detail", containsString("SUNSET"));
        String deprecated = newId("dep");
        tenantWithGrant(tenant, deprecated, 5, ComponentStatus.DEPRECATED);
        as(TestTokens.platformAdmin()).body(body(deprecated, "STAGING")).post("/tenants/" + tenant + "/deployments").then()
                .statusCode(202).body("warnings[0]", containsString("DEPRECATED"));
    }

    @Test
    void rejectsAnInvalidBodyNamingTheFields() {
        var bad = Map.of("componentId", "etl", "componentVersion", "1.0.0", "environment", "STAGING",
                "container", Map.of("imageName", "x", "imageTag", "1", "containerName", "etl", "cpuCores", -1));
        as(TestTokens.platformAdmin()).body(bad).post("/tenants/acme/deployments").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("container.cpuCores"));
    }

    @Test
    void previewRendersTheManifestsWithoutDeploying() {
        String tenant = newId("t");
        String yaml = as(TestTokens.tenantUser(tenant)).accept("application/yaml").body(body("etl-core", "STAGING"))
                .post("/tenants/" + tenant + "/deployments/preview")
                .then().statusCode(200).contentType(containsString("application/yaml")).extract().asString();
        assertThat(yaml).contains("name: \"data-tenant-" + tenant + "\"")
                .contains("name: \"data-processing-" + tenant + "-etl-blue\"")
                .contains("cpu: \"750m\"").contains("memory: \"4.8Gi\"").contains("kind: \"HorizontalPodAutoscaler\"");
        as(TestTokens.tenantUser(tenant)).get("/tenants/" + tenant + "/deployments").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void rollbackOfAFirstDeploymentIsRefused() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 2, ComponentStatus.ACTIVE);
        String id = as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments")
                .then().statusCode(202).extract().path("deploymentId");
        as(TestTokens.platformAdmin()).body(Map.of("reason", "oops")).post("/deployments/" + id + "/rollback").then()
                .statusCode(409).body("detail", containsString("nothing to roll back to"));
        as(TestTokens.platformAdmin()).body(Map.of()).post("/deployments/" + UUID.randomUUID() + "/rollback").then().statusCode(404);
    }

    @Test
    void ofTwoConcurrentRolloutsOfOneComponentOneIsAcceptedAndOneRefused() throws Exception {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 5, ComponentStatus.ACTIVE);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var calls = java.util.stream.IntStream.range(0, 2).mapToObj(i -> pool.submit(() -> as(TestTokens.platformAdmin())
                    .body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments").statusCode())).toList();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        } finally {
            pool.shutdownNow();
        }
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().body("size()", equalTo(1));
    }
}
