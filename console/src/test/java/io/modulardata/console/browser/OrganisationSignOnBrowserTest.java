package io.modulardata.console.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.modulardata.console.support.ConsoleBrowser.url;
import static io.modulardata.console.support.OrganisationSignOnProfile.keycloak;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.modulardata.console.support.ConsoleBrowser;
import io.modulardata.console.support.ConsoleTest;
import io.modulardata.console.support.Events;
import io.modulardata.console.support.OrganisationSignOnProfile;
import io.modulardata.console.support.SseClient;
import io.modulardata.events.SecurityEvent;
import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.fixtures.Chromium;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.KeycloakTestServer;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.junit.TestProfile;

/**
 * Single sign-on through a real Keycloak in a real browser: the console sends a visitor to Keycloak's login page,
 * takes the user back signed in with its tenant, and scopes pages and the live stream (read here on the wire, with
 * the browser's session cookies) to that tenant, as it does for platform tokens. The demo users' passwords are
 * their names (infra's modulardata realm).
 */
@ConsoleTest
@TestProfile(OrganisationSignOnProfile.class)
class OrganisationSignOnBrowserTest {

    private static boolean redirectsAllowed;

    @Test
    void aTenantAdminSignsInAtKeycloakAndSeesOnlyItsTenantOnThePageAndOnTheStream() {
        try (BrowserContext context = newContext(); EventPublisher publisher = Events.publisher()) {
            Page page = context.newPage();
            page.navigate(url("/events"));
            assertAtKeycloaksLoginPage(page);
            Assertions.assertThat(page.url()).contains("client_id=" + KeycloakTestServer.CONSOLE_CLIENT).contains("code_challenge_method=S256");
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("keycloak-sign-in")));

            signInAtKeycloak(page, "acme-admin");

            assertThat(page).hasURL(url("/events"));
            assertThat(page.getByTestId("signed-in-as")).containsText("acme-admin");
            assertThat(page.getByTestId("signed-in-as")).containsText("tenant-admin");
            assertThat(page.getByTestId("signed-in-as")).containsText("tenant acme");
            assertThat(page.locator("#live-state")).hasText("live");

            try (SseClient stream = SseClient.openWithCookies(url("/live"), cookies(context)).awaitOpen()) {
                SecurityEvent theirs = Events.security("globex", "key_created", Map.of("keyVersion", "1", "origin", "derived"));
                SecurityEvent ours = Events.security("acme", "key_created", Map.of("keyVersion", "1", "origin", "derived"));
                publisher.publish("security-events", theirs);
                publisher.publish("security-events", ours);

                // acme's event, published after globex's, arrives: by then globex's had its chance.
                await().atMost(Duration.ofSeconds(20)).until(() -> carries(stream, ours.getEventId().toString()));
                Assertions.assertThat(stream.messages("event")).extracting(SseClient.Message::data)
                        .allMatch(row -> row.contains("data-tenant=\"acme\""));
                Assertions.assertThat(carries(stream, theirs.getEventId().toString())).isFalse();
                assertThat(page.locator("#event-rows tr[data-event-id='" + ours.getEventId() + "']")).hasCount(1);
                Assertions.assertThat(page.content()).doesNotContain(theirs.getEventId().toString());
            }
            page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.screenshot("events-keycloak-acme-admin")).setFullPage(true));
        }
    }

    @Test
    void aGlobexUserSeesNoAcmeDataAnywhere() {
        try (BrowserContext context = newContext(); EventPublisher publisher = Events.publisher()) {
            Page page = context.newPage();
            page.navigate(url("/"));
            signInAtKeycloak(page, "globex-user");
            assertThat(page).hasURL(url("/"));
            assertThat(page.getByTestId("signed-in-as")).containsText("tenant globex");
            assertThat(page.locator("#live-state")).hasText("live");

            try (SseClient stream = SseClient.openWithCookies(url("/live"), cookies(context)).awaitOpen()) {
                publisher.publish("registry-events", Events.tenantRegistered("acme", "Acme Ltd", 2));
                SecurityEvent acme = Events.security("acme", "key_created", Map.of("keyVersion", "2", "origin", "derived"));
                SecurityEvent globex = Events.security("globex", "key_created", Map.of("keyVersion", "2", "origin", "derived"));
                publisher.publish("security-events", acme);
                publisher.publish("security-events", globex);

                await().atMost(Duration.ofSeconds(20)).until(() -> carries(stream, globex.getEventId().toString()));
                Assertions.assertThat(stream.messages()).extracting(SseClient.Message::data).noneMatch(data -> data.contains("acme"));
            }
            for (String path : List.of("/", "/tenants", "/catalog", "/rollouts", "/events")) {
                page.navigate(url(path));
                assertThat(page.locator("#live-state")).hasText("live");
                page.waitForFunction("() => document.querySelector('.htmx-request') === null");
                Assertions.assertThat(page.content()).as(path).doesNotContain("acme");
            }
            Assertions.assertThat(page.navigate(url("/tenants/acme")).status()).isEqualTo(404);
        }
    }

    @Test
    void signingOutEndsTheKeycloakSessionToo() {
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            page.navigate(url("/"));
            signInAtKeycloak(page, "auditor");
            assertThat(page.getByTestId("signed-in-as")).containsText("auditor");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            // Keycloak ended its session and sent the browser back to the console's sign-in page.
            assertThat(page.getByLabel("Bearer token")).isVisible();
            Assertions.assertThat(page.url()).startsWith(url("/signin"));

            // Without a session at the console or at Keycloak, the console asks for the password again.
            page.navigate(url("/"));
            assertAtKeycloaksLoginPage(page);
        }
    }

    @Test
    void aPlatformTokenStillSignsInBesideTheOrganisationsProvider() {
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            page.navigate(url("/signin?next=/catalog"));
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with your organisation's account"))).isVisible();
            page.getByLabel("Bearer token").fill(TestTokens.tenantAdmin("acme"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
            assertThat(page).hasURL(url("/catalog"));
            assertThat(page.getByTestId("signed-in-as")).containsText("tenant acme");
        }
    }

    /** Keycloak's login form, reached through the realm's authorization endpoint (the code flow). */
    private static void assertAtKeycloaksLoginPage(Page page) {
        assertThat(page.locator("#password")).isVisible();
        Assertions.assertThat(page.url()).startsWith(keycloak().issuer(KeycloakServer.REALM) + "/protocol/openid-connect/auth?");
    }

    private static void signInAtKeycloak(Page page, String user) {
        page.locator("#username").fill(user);
        page.locator("#password").fill(user);
        page.locator("#kc-login").click();
    }

    /** The realm lists the console's usual ports; this console runs on a random one. */
    private static synchronized void allowConsoleRedirects() {
        if (!redirectsAllowed) {
            keycloak().admin().allowRedirects(KeycloakServer.REALM, KeycloakTestServer.CONSOLE_CLIENT, url(""));
            redirectsAllowed = true;
        }
    }

    private static boolean carries(SseClient stream, String eventId) {
        return stream.messages("event").stream().anyMatch(message -> message.data().contains("data-event-id=\"" + eventId + "\""));
    }

    private static String cookies(BrowserContext context) {
        return context.cookies(url("/")).stream().map(cookie -> cookie.name + "=" + cookie.value).collect(Collectors.joining("; "));
    }

    private static BrowserContext newContext() {
        allowConsoleRedirects();
        return ConsoleBrowser.newContext();
    }

}
