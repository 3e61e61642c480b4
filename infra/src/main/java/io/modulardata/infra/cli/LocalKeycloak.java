package io.modulardata.infra.cli;

import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.infra.stack.StackHome;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Keycloak that {@code up --with-keycloak} runs ({@link KeycloakServer}): its home in
 * {@code <data folder>/keycloak} (so users, sessions and keys survive a restart), its URL kept in
 * {@code keycloak.url} for {@code status}.
 */
final class LocalKeycloak {

    private static final String URL_FILE = "keycloak.url";
    /** Keycloak's first start on a fresh build also builds its server image: minutes on a busy 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private final PlatformSettings settings;
    private volatile KeycloakServer server;
    private volatile boolean stopping;

    LocalKeycloak(PlatformSettings settings) {
        this.settings = settings;
    }

    /** Starts Keycloak, waits until its realms are imported and it answers; returns its URL. */
    String start() {
        KeycloakServer launched = KeycloakServer.launch(StackHome.locate(), settings.keycloakDir(),
                settings.logDir().resolve("keycloak.log"), settings.keycloakPort(), settings.keycloakManagementPort());
        synchronized (this) {
            server = launched;
            if (stopping) { // Ctrl-C came while it launched: the shutdown may have missed it
                launched.stop();
                throw new IllegalStateException("The platform is stopping; Keycloak was stopped again");
            }
        }
        launched.awaitReady(START_TIMEOUT, () -> stopping);
        urlFile(settings.dataDir()).write(launched.url());
        return launched.url();
    }

    /** The platform realm's issuer, once Keycloak runs: the services' {@code MDP_OIDC_ISSUER}. */
    Optional<String> issuer() {
        return Optional.ofNullable(server).map(running -> running.issuer(KeycloakServer.REALM));
    }

    void stop() {
        KeycloakServer running;
        synchronized (this) {
            stopping = true;
            running = server;
        }
        if (running != null) {
            running.stop();
            urlFile(settings.dataDir()).delete();
        }
    }

    /** The URL a running {@code up --with-keycloak} recorded, for {@code status}. */
    static Optional<String> recordedUrl(Path dataDir) {
        return urlFile(dataDir).read();
    }

    private static UrlFile urlFile(Path dataDir) {
        return UrlFile.in(dataDir, URL_FILE);
    }
}
