package io.modulardata.infra.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium, headless, driven by Playwright, for the browser tests of the console and the system
 * tests (each declares {@code com.microsoft.playwright:playwright} as a test dependency; here it is
 * provided, so the CLI never carries it). Playwright never downloads a browser: the executable is the
 * system's (system property {@code test.chromium}, default {@code /usr/bin/chromium}).
 */
public final class Chromium implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        Path executable = Path.of(System.getProperty("test.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is missing: install Debian's Chromium "
                    + "(apt-get install -y chromium; .ci/run does) or run Maven with -Dtest.chromium=<path>");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(executable)
                    .setHeadless(true).setArgs(List.of("--disable-gpu", "--disable-dev-shm-usage")));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Browser browser() {
        return browser;
    }

    /** Where screenshots go: {@code test.screenshots}, by default {@code target/screenshots/} of the module. */
    public static Path screenshot(String name) {
        return Path.of(System.getProperty("test.screenshots", "target/screenshots")).resolve(name + ".png");
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
