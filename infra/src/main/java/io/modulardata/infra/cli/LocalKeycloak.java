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
    private final RecordedServer<KeycloakServer> server;

    LocalKeycloak(PlatformSettings settings) {
        this.settings = settings;
        this.server = new RecordedServer<>(settings.dataDir(), URL_FILE);
    }

    /** Launches Keycloak without waiting for it: it starts for a minute or more, while the other servers start. */
    void launch() {
        server.hold(KeycloakServer.launch(StackHome.locate(), settings.keycloakDir(),
                settings.logDir().resolve("keycloak.log"), settings.keycloakPort(), settings.keycloakManagementPort()));
    }

    /** Waits until the launched Keycloak has imported its realms and answers; returns its URL. */
    String awaitReady() {
        KeycloakServer launched = server.server().orElseThrow(() -> new IllegalStateException("Keycloak was not launched"));
        launched.awaitReady(START_TIMEOUT, server::stopping);
        server.ready(launched.url());
        return launched.url();
    }

    /** The platform realm's issuer, once Keycloak runs: the services' {@code MDP_OIDC_ISSUER}. */
    Optional<String> issuer() {
        return server.server().map(running -> running.issuer(KeycloakServer.REALM));
    }

    void stop() {
        server.stop();
    }

    /** The URL a running {@code up --with-keycloak} recorded, for {@code status}. */
    static Optional<String> recordedUrl(Path dataDir) {
        return RecordedServer.recordedUrl(dataDir, URL_FILE);
    }
}
