package io.modulardata.console.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.modulardata.console.support.ConsoleBrowser.newContext;
import static io.modulardata.console.support.ConsoleBrowser.url;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.modulardata.console.support.ConsoleTest;
import io.modulardata.console.support.Events;
import io.modulardata.fixtures.Chromium;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.TestTokens;

/**
 * The console in a real browser (Debian's Chromium, headless): sign in with a token, and see what reaches
 * the topics appear on the open page without a reload. Events are published as registry-service's and
 * security-service's outbox relays publish them. Screenshots go to {@code target/screenshots/}.
 */
@ConsoleTest
class ConsoleBrowserTest {

    @Test
    void aSignedInOperatorSeesANewTenantOnTheOverviewWithoutReload() {
        String tenant = Events.newTenantId("browser");
        try (BrowserContext context = newContext(); EventPublisher publisher = Events.publisher()) {
            Page page = context.newPage();
            page.navigate(url("/"));
            assertThat(page).hasURL(Pattern.compile(".*/signin\\?next=.*"));
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("signin")));

            signIn(page, TestTokens.platformAdmin());
            assertThat(page).hasURL(url("/"));
            assertThat(page.getByTestId("signed-in-as")).containsText("platform-admin");
            assertThat(page.locator("#live-state")).hasText("live");
            assertThat(page.locator("#overview-tenants [data-tenant='" + tenant + "']")).hasCount(0);
            // Survives only as long as this document: a reload or navigation would drop it.
            page.evaluate("() => { window.sameDocument = true; }");

            publisher.publish("registry-events", Events.tenantRegistered(tenant, "Browser Ltd", 2));

            assertThat(page.locator("#overview-tenants [data-tenant='" + tenant + "']")).containsText("Browser Ltd");
            Assertions.assertThat(page.evaluate("() => window.sameDocument === true")).isEqualTo(true);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("overview")).setFullPage(true));

            for (String name : List.of("tenants", "catalog", "rollouts", "audit", "events")) {
                page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                        new com.microsoft.playwright.Locator.GetByRoleOptions().setName(capitalized(name)).setExact(true)).click();
                assertThat(page).hasURL(url("/" + name));
                settled(page);
                page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot(name)).setFullPage(true));
            }
            page.navigate(url("/tenants/" + tenant));
            assertThat(page.locator("main")).containsText("Browser Ltd");
            settled(page);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("tenant")).setFullPage(true));
        }
    }

    @Test
    void aTenantsUserSeesItsOwnEventsLiveAndNoOtherTenant() {
        String own = Events.newTenantId("mine");
        String other = Events.newTenantId("theirs");
        try (BrowserContext context = newContext(); EventPublisher publisher = Events.publisher()) {
            Page page = context.newPage();
            page.navigate(url("/signin?next=/events"));
            signIn(page, TestTokens.tenantUser(own));
            assertThat(page).hasURL(url("/events"));
            assertThat(page.locator("#live-state")).hasText("live");

            publisher.publish("registry-events", Events.tenantRegistered(other, "Theirs Ltd", 2));
            publisher.publish("security-events", Events.security(other, "key_created", Map.of("keyVersion", "1", "origin", "derived")));
            publisher.publish("registry-events", Events.tenantRegistered(own, "Mine Ltd", 2));
            publisher.publish("security-events", Events.security(own, "key_created", Map.of("keyVersion", "1", "origin", "derived")));

            // The own tenant's last event shows up live; by then the other tenant's (published before) had its chance.
            assertThat(page.locator("#event-rows tr[data-tenant='" + own + "'][data-type='SecurityEvent']")).hasCount(1);
            assertThat(page.locator("#event-rows tr[data-tenant='" + own + "']")).hasCount(2);
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("events-tenant-user")).setFullPage(true));
            Assertions.assertThat(page.content()).doesNotContain(other);

            page.navigate(url("/"));
            assertThat(page.locator("#overview-tenants")).containsText("Mine Ltd");
            for (String path : List.of("/", "/tenants", "/catalog", "/rollouts")) {
                page.navigate(url(path));
                settled(page);
                Assertions.assertThat(page.content()).as(path).doesNotContain(other);
            }
        }
    }

    /** The live stream is open and no fragment request of the page is under way. */
    private static void settled(Page page) {
        assertThat(page.locator("#live-state")).hasText("live");
        page.waitForFunction("() => document.querySelector('.htmx-request') === null");
    }

    private static void signIn(Page page, String token) {
        page.getByLabel("Bearer token").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

}
