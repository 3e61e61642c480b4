package io.modulardata.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import io.modulardata.events.Topics;
import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.fixtures.Chromium;
import io.modulardata.fixtures.KeycloakTestServer;

/**
 * The console of the real {@code infra/platform up} ({@link KeycloakPlatform}, shared with {@code KeycloakIdentityIT}),
 * trusting a real Keycloak, in Debian's Chromium (headless):
 * a platform token still signs in, and a tenant registered through registry-service's REST API appears on the
 * open overview without a reload (REST -> outbox -> registry-events -> console -> live stream -> page); a tenant
 * admin signs in at Keycloak's login page, watches a rollout started through deployment-service's REST API tick
 * to DEPLOYED on its open page, and presses the rollback button of the next one, which the console sends to
 * deployment-service with that user's Keycloak access token. Screenshots under {@code system-tests/target/screenshots/}.
 */
@ExtendWith(KeycloakPlatform.class)
class ConsoleBrowserIT {

    /** The tenant of Keycloak's demo users acme-admin and acme-user (infra's modulardata realm). */
    private static final String ACME = "acme";
    private static final List<String> PHASES = List.of("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeycloakTestServer keycloak;
    private static PlatformProcess platform;
    private static Chromium chromium;
    private static String console;

    @BeforeAll
    static void openABrowserOnThePlatform(PlatformProcess shared) throws Exception {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        keycloak = KeycloakTestServer.shared();
        platform = shared;
        console = "http://127.0.0.1:" + platform.env("MDP_CONSOLE_PORT");
        // The realm lists the console's usual ports; the platform under test runs on free ones.
        keycloak.admin().allowRedirects(KeycloakServer.REALM, KeycloakTestServer.CONSOLE_CLIENT, console);
        chromium = Chromium.launch();
    }

    @AfterAll
    static void closeTheBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aTenantRegisteredThroughRestAppearsOnTheOpenOverviewWithoutReload() throws Exception {
        String tenant = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            page.navigate(console + "/signin?next=/");
            page.getByLabel("Bearer token").fill(platform.token("platform-admin"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
            assertThat(page.getByTestId("signed-in-as")).containsText("platform-admin");
            assertThat(page.locator("#live-state")).hasText("live");
            page.evaluate("() => { window.sameDocument = true; }");

            HttpCalls.Answer registered = registry().send("POST", "/tenants", platform.token("platform-admin"),
                    tenantBody(tenant, "Browser Ltd"));
            Assertions.assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

            assertThat(page.locator("#overview-tenants [data-tenant='" + tenant + "']")).containsText("Browser Ltd");
            Assertions.assertThat(page.evaluate("() => window.sameDocument === true")).isEqualTo(true);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("platform-overview")).setFullPage(true));
        }
    }

    @Test
    void aKeycloakTenantAdminWatchesARolloutReachDeployedLiveAndRollsTheNextOneBack() throws Exception {
        String admin = platform.token("platform-admin");
        String component = "console-etl-" + UUID.randomUUID().toString().substring(0, 8);
        expect(201, registry().send("POST", "/tenants", admin, tenantBody(ACME, "Acme Corp")));
        for (String version : List.of("1.0.0", "1.1.0")) {
            expect(201, registry().send("POST", "/components", admin, componentBody(component, version)));
            expect(201, registry().send("PUT", "/tenants/" + ACME + "/grants/" + component + "-" + version, admin, null));
        }
        // deployment-service knows tenants, grants and versions only from registry-events.
        ConsumerGroupProgress.awaitCaughtUp(platform.kafkaBootstrapServers(), "deployment-service", Topics.REGISTRY_EVENTS,
                Duration.ofSeconds(60));

        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            page.navigate(console + "/rollouts");
            assertThat(page.locator("#password")).isVisible();
            Assertions.assertThat(page.url()).startsWith(keycloak.issuer(KeycloakServer.REALM) + "/protocol/openid-connect/auth?");
            page.locator("#username").fill("acme-admin");
            page.locator("#password").fill("acme-admin");
            page.locator("#kc-login").click();
            assertThat(page).hasURL(console + "/rollouts");
            assertThat(page.getByTestId("signed-in-as")).containsText("acme-admin");
            assertThat(page.getByTestId("signed-in-as")).containsText("tenant " + ACME);
            assertThat(page.locator("#live-state")).hasText("live");

            String first = deploy(admin, component, "1.0.0", 1);
            openFromTheRolloutsList(page, first);
            page.evaluate("() => { window.sameDocument = true; }");
            Assertions.assertThat(page.locator("#rollout-status").getAttribute("data-status")).as("the page opened before the rollout ended")
                    .isIn("REQUESTED", "DEPLOYING");

            assertThat(page.locator("#rollout-status")).hasAttribute("data-status", "DEPLOYED");
            for (String phase : PHASES) {
                assertThat(page.locator(".timeline [data-phase='" + phase + "']")).hasAttribute("data-state", "done");
            }
            Assertions.assertThat(page.evaluate("() => window.sameDocument === true")).as("no reload").isEqualTo(true);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("platform-rollout")).setFullPage(true));

            // The next rollout keeps the previous version for 10 minutes after its traffic switch: it can be rolled back.
            String second = deploy(admin, component, "1.1.0", 600);
            page.navigate(console + "/rollouts");
            openFromTheRolloutsList(page, second);
            Locator rollBack = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Roll back"));
            assertThat(rollBack).isVisible();
            page.getByLabel("Reason").fill("checked in the browser");
            rollBack.click();

            assertThat(page.locator("#rollout-status")).hasAttribute("data-status", "ROLLED_BACK");
            JsonNode view = JSON.readTree(deployments().send("GET", "/deployments/" + second, admin, null).body());
            Assertions.assertThat(view.path("status").asText()).isEqualTo("ROLLED_BACK");
            // deployment-service recorded the Keycloak user as the actor: the console forwarded that user's access token.
            page.navigate(console + "/events?tenant=" + ACME + "&type=DeploymentRolledBack");
            assertThat(page.locator("#event-rows tr[data-type='DeploymentRolledBack']").filter(new Locator.FilterOptions().setHasText(second)))
                    .containsText("acme-admin");
        }
    }

    /** The rollout shows up live on the open list; its link opens its page. */
    private static void openFromTheRolloutsList(Page page, String deploymentId) {
        Locator link = page.locator("[data-rollout='" + deploymentId + "'] a");
        assertThat(link).hasCount(1);
        link.click();
        assertThat(page).hasURL(console + "/rollouts/" + deploymentId);
        assertThat(page.locator("#live-state")).hasText("live");
    }

    private static String deploy(String token, String component, String version, int scaleDownDelaySeconds) throws Exception {
        HttpCalls.Answer accepted = deployments().send("POST", "/tenants/" + ACME + "/deployments", token, """
                {"componentId": "%s", "componentVersion": "%s", "environment": "DEVELOPMENT",
                 "container": {"imageName": "registry.example.com/data/%s", "imageTag": "%s", "containerName": "etl",
                               "cpuCores": 0.5, "memoryGb": 1.0, "storageGb": 1, "scalingMetrics": ["cpu"]},
                 "validation": {"readinessTimeoutSeconds": 120, "scaleDownDelaySeconds": %d}}"""
                .formatted(component, version, component, version, scaleDownDelaySeconds));
        expect(202, accepted);
        return JSON.readTree(accepted.body()).path("deploymentId").asText();
    }

    private static void expect(int status, HttpCalls.Answer answer) {
        Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    }

    private static String tenantBody(String tenant, String name) {
        return """
                {"tenantId": "%s", "tenantName": "%s", "dataProcessingTier": "PROFESSIONAL",
                 "maxConcurrentJobs": 2, "maxMonthlyProcessingHours": null,
                 "allowedDataEnvironments": ["DEVELOPMENT", "STAGING"], "dataStorageQuotaGb": 10,
                 "customDataProcessingLimits": {"maxRowsPerJob": 1000}}""".formatted(tenant, name);
    }

    private static String componentBody(String component, String version) {
        return """
                {"componentId": "%s", "componentName": "Console ETL", "componentVersion": "%s",
                 "dataProcessingCapabilities": ["transform"], "supportedDataFormats": ["csv"],
                 "resourceRequirements": {"cpu": 1, "memory": "2Gi"}, "securityClearanceLevel": "internal",
                 "complianceCertifications": ["SOC2"], "dependencies": [],
                 "containerImages": ["registry.example.com/data/%s"]}""".formatted(component, version, component);
    }

    private static HttpCalls registry() {
        return new HttpCalls(Integer.parseInt(platform.env("MDP_REGISTRY_SERVICE_PORT")));
    }

    private static HttpCalls deployments() {
        return new HttpCalls(Integer.parseInt(platform.env("MDP_DEPLOYMENT_SERVICE_PORT")));
    }

    private static BrowserContext newContext() {
        return chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
    }
}
