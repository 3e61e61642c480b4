package io.modulardata.console.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import io.modulardata.fixtures.Chromium;
import io.restassured.RestAssured;

/**
 * Debian's Chromium for the console's browser tests: launched once per test JVM (a launch takes seconds on a busy
 * machine) and closed when the JVM ends; each test gets a fresh context (its own cookies) with a laptop's viewport.
 */
public final class ConsoleBrowser {

    private static Chromium chromium;

    private ConsoleBrowser() {
    }

    public static synchronized BrowserContext newContext() {
        if (chromium == null) {
            // The shared build machine is slow; a page that is right shows it well within this.
            PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
            chromium = Chromium.launch();
            Runtime.getRuntime().addShutdownHook(new Thread(chromium::close, "console-browser-close"));
        }
        return chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
    }

    /** The console under test, as the browser reaches it. */
    public static String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }
}
