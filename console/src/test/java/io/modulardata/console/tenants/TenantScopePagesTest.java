package io.modulardata.console.tenants;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.modulardata.console.support.ConsoleTest;
import io.modulardata.console.support.Events;
import io.modulardata.events.DeploymentPhase;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.TestTokens;

/** Every page a tenant's user opens shows that tenant only; another tenant's pages answer 404. */
@ConsoleTest
class TenantScopePagesTest {

    private static final String OWN = Events.newTenantId("own");
    private static final String OTHER = Events.newTenantId("other");
    private static final String OTHER_DEPLOYMENT = java.util.UUID.randomUUID().toString();
    private static final String OWN_DEPLOYMENT = java.util.UUID.randomUUID().toString();

    private static boolean published;

    /** Once for the class; in a @BeforeEach, as RestAssured knows the test port only around each test. */
    @BeforeEach
    void twoTenants() {
        if (published) {
            return;
        }
        published = true;
        try (EventPublisher publisher = Events.publisher()) {
            for (String tenant : List.of(OTHER, OWN)) {
                publisher.publish("registry-events", Events.tenantRegistered(tenant, "Tenant " + tenant, 3));
                publisher.publish("registry-events", Events.componentRegistered("comp-" + tenant, "1.0.0"));
                publisher.publish("registry-events", Events.granted(tenant, "comp-" + tenant, "1.0.0"));
                publisher.publish("security-events", Events.security(tenant, "compliance_configuration",
                        Map.of("framework", "GDPR", "settings", "{}")));
            }
            publisher.publish("deployment-events", Events.deploymentRequested(OTHER, OTHER_DEPLOYMENT, "comp-" + OTHER, "1.0.0", null));
            publisher.publish("deployment-events", Events.deploymentRequested(OWN, OWN_DEPLOYMENT, "comp-" + OWN, "1.0.0", null));
            publisher.publish("deployment-events", Events.phase(OWN, OWN_DEPLOYMENT, DeploymentPhase.GREEN_DEPLOYED, 2));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.platformAdmin())
                .get("/rollouts/" + OWN_DEPLOYMENT).asString().contains("GREEN_DEPLOYED\" data-state=\"done"));
    }

    @Test
    void aTenantsUserSeesOnlyItsTenantOnEveryPage() {
        String user = TestTokens.tenantUser(OWN);
        for (String page : List.of("/", "/overview/tenants", "/overview/rollouts", "/overview/health", "/tenants",
                "/tenants/list", "/tenants/" + OWN, "/tenants/" + OWN + "/view", "/catalog", "/catalog/components",
                "/rollouts", "/rollouts/table", "/rollouts/" + OWN_DEPLOYMENT, "/events", "/events?tenant=" + OTHER)) {
            String html = given().auth().oauth2(user).when().get(page).then().statusCode(200).extract().asString();
            assertThat(html).as(page).doesNotContain(OTHER).doesNotContain(OTHER_DEPLOYMENT);
        }
        assertThat(given().auth().oauth2(user).get("/tenants").asString()).contains(OWN);
        assertThat(given().auth().oauth2(user).get("/rollouts").asString()).contains(OWN_DEPLOYMENT);
        assertThat(given().auth().oauth2(user).get("/catalog").asString()).contains("comp-" + OWN);
        assertThat(given().auth().oauth2(user).get("/events").asString()).contains(OWN);
    }

    @Test
    void anotherTenantsPagesAnswerAsIfTheyDidNotExist() {
        String user = TestTokens.tenantAdmin(OWN);
        for (String page : List.of("/tenants/" + OTHER, "/tenants/" + OTHER + "/view", "/tenants/" + OTHER + "/hours",
                "/rollouts/" + OTHER_DEPLOYMENT, "/rollouts/" + OTHER_DEPLOYMENT + "/detail", "/tenants/no-such-tenant")) {
            String html = given().auth().oauth2(user).when().get(page).then().statusCode(404).extract().asString();
            assertThat(html).as(page).doesNotContain(OTHER_DEPLOYMENT).contains("Not found");
        }
        given().auth().oauth2(user).formParam("action", "rollback").when().post("/rollouts/" + OTHER_DEPLOYMENT + "/rollback")
                .then().statusCode(404);
    }

    @Test
    void anAddressNoPageMatchesAnswersNotFound() {
        // Answered before anyone is authenticated (on the I/O thread): the page must not need the signed-in user.
        for (String token : List.of(TestTokens.platformAdmin(), TestTokens.tenantUser(OWN))) {
            String html = given().auth().oauth2(token).when().get("/favicon.ico").then().statusCode(404).extract().asString();
            assertThat(html).contains("Not found");
        }
        given().when().get("/no-such-page").then().statusCode(404);
    }

    @Test
    void platformWideFiguresAreForUsersWhoSeeEveryTenant() {
        for (String part : List.of("/overview/topics", "/overview/lag", "/overview/audit")) {
            given().auth().oauth2(TestTokens.tenantAdmin(OWN)).when().get(part).then().statusCode(404);
        }
        String topics = given().auth().oauth2(TestTokens.auditor()).when().get("/overview/topics").then().statusCode(200)
                .extract().asString();
        assertThat(topics).contains("registry-events", "deployment-events", "security-events");
        String admin = given().auth().oauth2(TestTokens.platformAdmin()).get("/tenants").asString();
        assertThat(admin).contains(OWN, OTHER);
    }
}
