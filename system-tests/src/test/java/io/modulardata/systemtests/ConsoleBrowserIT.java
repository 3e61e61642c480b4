package io.modulardata.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import io.modulardata.infra.testing.Chromium;

/**
 * The console of the real {@code infra/platform up} in Debian's Chromium (headless): sign in with a token of
 * the platform's key, register a tenant through registry-service's REST API, and see it appear on the open
 * overview without a reload (REST -> outbox -> registry-events -> console -> live stream -> page).
 * Screenshots under {@code system-tests/target/screenshots/}.
 */
class ConsoleBrowserIT {

    @Test
    void aTenantRegisteredThroughRestAppearsOnTheOpenOverviewWithoutReload() throws Exception {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "platform-");
        String tenant = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        try (PlatformProcess platform = PlatformProcess.start(dataDir); Chromium chromium = Chromium.launch();
                BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900))) {
            String console = "http://127.0.0.1:" + platform.env("MDP_CONSOLE_PORT");
            Page page = context.newPage();
            page.navigate(console + "/");
            page.getByLabel("Bearer token").fill(platform.token("platform-admin"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByTestId("signed-in-as")).containsText("platform-admin");
            assertThat(page.locator("#live-state")).hasText("live");
            page.evaluate("() => { window.sameDocument = true; }");

            HttpCalls.Answer registered = new HttpCalls(Integer.parseInt(platform.env("MDP_REGISTRY_SERVICE_PORT")))
                    .send("POST", "/tenants", platform.token("platform-admin"), """
                            {"tenantId": "%s", "tenantName": "Browser Ltd", "dataProcessingTier": "PROFESSIONAL",
                             "maxConcurrentJobs": 2, "maxMonthlyProcessingHours": null,
                             "allowedDataEnvironments": ["DEVELOPMENT", "STAGING"], "dataStorageQuotaGb": 10,
                             "customDataProcessingLimits": {"maxRowsPerJob": 1000}}""".formatted(tenant));
            Assertions.assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

            assertThat(page.locator("#overview-tenants [data-tenant='" + tenant + "']")).containsText("Browser Ltd");
            Assertions.assertThat(page.evaluate("() => window.sameDocument === true")).isEqualTo(true);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("platform-overview")).setFullPage(true));
        }
        Assertions.assertThat(dataDir).doesNotExist();
    }
}
