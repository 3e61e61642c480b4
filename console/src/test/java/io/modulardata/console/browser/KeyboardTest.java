package io.modulardata.console.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.modulardata.console.support.ConsoleBrowser.newContext;
import static io.modulardata.console.support.ConsoleBrowser.url;

import java.util.UUID;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.modulardata.console.support.ConsoleTest;
import io.modulardata.console.support.Events;
import io.modulardata.events.DeploymentPhase;
import io.modulardata.fixtures.Chromium;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.TestTokens;

/**
 * The console with the keyboard only, in a real browser: Tab reaches the navigation and the rollback button,
 * Enter follows a link and presses a button, and the focused element always shows a visible outline.
 */
@ConsoleTest
class KeyboardTest {

    /** Tab presses allowed to reach an element; the pages have a handful of controls before their content. */
    private static final int MAX_TABS = 40;

    @Test
    void tabReachesTheNavigationAndTheRollbackButtonAndEnterActivatesThem() {
        String tenant = Events.newTenantId("keys");
        String previous = UUID.randomUUID().toString();
        String rollout = UUID.randomUUID().toString();
        try (BrowserContext context = newContext();
                EventPublisher publisher = Events.publisher()) {
            publisher.publish("registry-events", Events.tenantRegistered(tenant, "Keys Ltd", 2));
            publisher.publish("deployment-events", Events.deploymentRequested(tenant, previous, "etl-core", "1.0.0", null));
            publisher.publish("deployment-events", Events.succeeded(tenant, previous, "etl-core-1.0.0"));
            publisher.publish("deployment-events", Events.deploymentRequested(tenant, rollout, "etl-core", "1.1.0", previous));
            publisher.publish("deployment-events", Events.phase(tenant, rollout, DeploymentPhase.GREEN_DEPLOYED, 2));
            publisher.publish("deployment-events", Events.phase(tenant, rollout, DeploymentPhase.GREEN_VALIDATED, 3));
            publisher.publish("deployment-events", Events.phase(tenant, rollout, DeploymentPhase.TRAFFIC_SWITCHED, 4));

            Page page = context.newPage();
            page.navigate(url("/signin?next=/"));
            page.getByLabel("Bearer token").focus();
            page.keyboard().insertText(TestTokens.platformAdmin());
            tabTo(page, "button", "Sign in");
            page.keyboard().press("Enter");
            assertThat(page).hasURL(url("/"));
            assertThat(page.locator("#live-state")).hasText("live");

            tabTo(page, "a", "Rollouts");
            page.keyboard().press("Enter");
            assertThat(page).hasURL(url("/rollouts"));
            assertThat(page.locator("[data-rollout='" + rollout + "']")).hasCount(1);

            tabTo(page, "a", rollout.substring(0, 8));
            page.keyboard().press("Enter");
            assertThat(page).hasURL(url("/rollouts/" + rollout));
            assertThat(page.locator("#live-state")).hasText("live");

            tabTo(page, "button", "Roll back");
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("rollout-keyboard-focus")));
            page.keyboard().press("Enter");
            // The button sent the rollback to deployment-service, which this test does not run: the page says so.
            assertThat(page.locator("#rollout-error")).containsText("deployment-service");
        }
    }

    /** Presses Tab until the focused element is the {@code tag} whose text starts with {@code text}; checks its outline. */
    private static void tabTo(Page page, String tag, String text) {
        for (int presses = 0; presses < MAX_TABS; presses++) {
            page.keyboard().press("Tab");
            Object reached = page.evaluate("([tag, text]) => { const e = document.activeElement;"
                    + " return e !== null && e.tagName.toLowerCase() === tag && e.textContent.trim().startsWith(text); }",
                    new String[] {tag, text});
            if (Boolean.TRUE.equals(reached)) {
                assertFocusVisible(page, tag + " " + text);
                return;
            }
        }
        Assertions.fail("%d presses of Tab did not reach the %s '%s' on %s", MAX_TABS, tag, text, page.url());
    }

    private static void assertFocusVisible(Page page, String what) {
        Object outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                + " return s.outlineStyle + ' ' + parseFloat(s.outlineWidth); }");
        Assertions.assertThat(outline.toString()).as("the outline of the focused %s", what).doesNotStartWith("none")
                .matches("\\w+ ([2-9]|\\d\\d)(\\.\\d+)?");
    }

}
