package io.modulardata.deployment.rollout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A running component reports the data it processed: each report is a DataProcessingReported event on
 * deployment-events, and the tenant's metrics sum the reports as dataProcessedGb (the original platform's
 * data_processed_gb), also as the gauge tenant_data_processed_gb.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class DataProcessedReportTest extends RolloutTestBase {

    @Test
    void reportsOfALiveDeploymentAddUpInTheTenantsMetrics() {
        String deployment = scene.deploy("1", 10, 0);
        scene.awaitStatus(deployment, "DEPLOYED");

        report(deployment, TestTokens.tenantUser(scene.tenant), 1.5).statusCode(200)
                .body("deploymentId", equalTo(deployment)).body("processedGb", equalTo(1.5f)).body("deploymentTotalGb", equalTo(1.5f));
        report(deployment, TestTokens.tenantAdmin(scene.tenant), 2.25).statusCode(200).body("deploymentTotalGb", equalTo(3.75f));

        given().auth().oauth2(TestTokens.tenantUser(scene.tenant)).get("/tenants/" + scene.tenant + "/metrics").then().statusCode(200)
                .body("dataProcessedGb", equalTo(3.75f));
        await().atMost(Duration.ofSeconds(20)).until(() -> reports(deployment).size() == 2);
        assertThat(reports(deployment)).extracting(event -> event.field("processedGb")).containsExactly("1.5", "2.25");
        assertThat(reports(deployment)).extracting(event -> event.field("tenantId")).containsOnly(scene.tenant);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape())
                .contains("tenant_data_processed_gb{tenant=\"" + scene.tenant + "\"} 3.75"));
    }

    @Test
    void aBadAmountIsA400NamingTheFieldAndRecordsNothing() {
        String deployment = scene.deploy("1", 10, 0);
        scene.awaitStatus(deployment, "DEPLOYED");
        for (Object bad : new Object[] {0, -1, 1e-300, 1_000_001, "lots"}) {
            given().auth().oauth2(TestTokens.tenantUser(scene.tenant)).contentType(ContentType.JSON)
                    .body(Map.of("processedGb", bad)).post("/deployments/" + deployment + "/data-processed")
                    .then().statusCode(400).contentType(containsString("application/problem+json")).body("field", equalTo("processedGb"));
        }
        given().auth().oauth2(TestTokens.tenantUser(scene.tenant)).contentType(ContentType.JSON).body("{}")
                .post("/deployments/" + deployment + "/data-processed").then().statusCode(400).body("field", equalTo("processedGb"));
        given().auth().oauth2(TestTokens.tenantUser(scene.tenant)).get("/tenants/" + scene.tenant + "/metrics").then()
                .body("dataProcessedGb", equalTo(0f));
    }

    @Test
    void anotherTenantsDeploymentIsNotFoundAndAnAuditorMayNotReport() {
        String deployment = scene.deploy("1", 10, 0);
        scene.awaitStatus(deployment, "DEPLOYED");
        report(deployment, TestTokens.tenantUser("someone-else"), 1).statusCode(404).body("status", equalTo(404));
        report(deployment, TestTokens.auditor(), 1).statusCode(403);
        given().auth().oauth2(TestTokens.tenantUser(scene.tenant)).get("/tenants/" + scene.tenant + "/metrics").then()
                .body("dataProcessedGb", equalTo(0f));
    }

    @Test
    void aDeploymentThatNeverServedTrafficHasProcessedNothing() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        scene.controller.neverReady(scene.deploymentName("green"));
        String neverLive = scene.deploy("1", 2, 0);
        scene.awaitStatus(neverLive, "FAILED");
        report(neverLive, TestTokens.tenantUser(scene.tenant), 1).statusCode(409).body("detail", containsString("has not served traffic"));
    }

    private List<RecordedEvent> reports(String deploymentId) {
        return scene.recorded(deploymentId).stream().filter(event -> event.type().endsWith("DataProcessingReported")).toList();
    }

    private static ValidatableResponse report(String deploymentId, String token, double gb) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("processedGb", gb))
                .post("/deployments/" + deploymentId + "/data-processed").then();
    }
}
