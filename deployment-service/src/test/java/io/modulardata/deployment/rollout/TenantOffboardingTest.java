package io.modulardata.deployment.rollout;

import static io.modulardata.deployment.rollout.RolloutScene.read;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.deployment.registry.Offboarding;
import io.modulardata.events.TenantOffboarded;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 18: TenantOffboarded on registry-events (as registry-service's DELETE /tenants/{t} records it) deletes the
 * tenant's namespace in the (mock) cluster, stops its rollout in progress, records its deployments as removed and
 * answers its commands 410; its reads keep answering.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class TenantOffboardingTest extends RolloutTestBase {

    @Test
    void offboardingDeletesTheNamespaceStopsTheRolloutsAndAnswersCommandsWith410() {
        String live = scene.deploy("1", 10, 0);
        scene.awaitStatus(live, "DEPLOYED");
        scene.controller.neverReady(scene.deploymentName("green"));
        String running = scene.deploy("2", 120, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> scene.deployment("green") != null);
        assertThat(client.namespaces().withName(scene.namespace()).get()).isNotNull();

        TenantOffboarded offboarded = registry.offboarded(scene.tenant, 3);
        registry.publish(offboarded);

        await().atMost(Duration.ofSeconds(30)).until(() -> "REMOVED".equals(scene.status(live)));
        assertThat(namespaceGoneOrGoing()).isTrue();
        assertThat(scene.status(running)).isEqualTo("REMOVED");
        assertThat(scene.events(live, 7)).endsWith("DeploymentSucceeded", "DeploymentRemoved");
        assertThat(scene.events(running, 3)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentRemoved");
        // the removal's events carry the offboarding call's correlation id
        assertThat(scene.recorded(live).get(scene.recorded(live).size() - 1).field("correlationId"))
                .isEqualTo(offboarded.getCorrelationId());

        // commands: 410, nothing changes
        gone(given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).contentType(ContentType.JSON).body(scene.body("3", 10, 0))
                .post("/tenants/" + scene.tenant + "/deployments"));
        gone(given().auth().oauth2(TestTokens.platformAdmin()).contentType(ContentType.JSON).body(Map.of("reason", "too late"))
                .post("/deployments/" + running + "/rollback"));
        gone(given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).contentType(ContentType.JSON).body(Map.of("processedGb", 1.5))
                .post("/deployments/" + live + "/data-processed"));
        // reads: still answered
        given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).get("/tenants/" + scene.tenant + "/deployments").then()
                .statusCode(200).body("size()", equalTo(2)).body("status", equalTo(List.of("REMOVED", "REMOVED")));
        given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + running).then().statusCode(200)
                .body("live", equalTo(false)).body("error", endsWith("namespace " + scene.namespace() + " was deleted"));
        given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).get("/tenants/" + scene.tenant + "/metrics").then().statusCode(200)
                .body("activeJobs", equalTo(0));
        assertThat(scene.events(live, 7)).hasSize(7);
        assertThat(scene.recorded(running)).hasSize(3);
    }

    @Test
    void aRedeliveredOffboardingChangesNothing() {
        String live = scene.deploy("1", 10, 0);
        scene.awaitStatus(live, "DEPLOYED");
        TenantOffboarded offboarded = registry.offboarded(scene.tenant, 3);
        registry.publish(offboarded);
        await().atMost(Duration.ofSeconds(30)).until(() -> "REMOVED".equals(scene.status(live)));
        Offboarding before = read(() -> facts.offboarding(scene.tenant)).orElseThrow();
        List<String> eventsBefore = scene.events(live, 7);

        // at-least-once delivery: the same event again; and registry-service's answer to a repeated DELETE records nothing,
        // but a second event would not count either
        registry.publish(offboarded);
        registry.publish(registry.offboarded(scene.tenant, 4));
        registry.publish(registry.granted(scene.tenant, "marker", "1.0.0", 5));
        await().atMost(Duration.ofSeconds(30)).until(() -> read(() -> facts.isGranted(scene.tenant, "marker-1.0.0")));

        assertThat(read(() -> facts.offboarding(scene.tenant))).contains(before);
        assertThat(namespaceGoneOrGoing()).isTrue();
        assertThat(scene.events(live, 7)).isEqualTo(eventsBefore);
        assertThat(scene.status(live)).isEqualTo("REMOVED");
    }

    /** The mock API server deletes at once; a real one marks the namespace Terminating until its objects are gone. */
    private boolean namespaceGoneOrGoing() {
        var namespace = client.namespaces().withName(scene.namespace()).get();
        return namespace == null || namespace.getMetadata().getDeletionTimestamp() != null;
    }

    private static void gone(io.restassured.response.Response response) {
        ValidatableResponse then = response.then().statusCode(410).contentType("application/problem+json");
        then.body("type", endsWith("tenant-offboarded")).body("status", equalTo(410));
    }
}
