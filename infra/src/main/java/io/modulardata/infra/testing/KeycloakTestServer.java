package io.modulardata.infra.testing;

import io.modulardata.infra.oidc.DemoUsers;
import io.modulardata.infra.oidc.PasswordGrant;
import io.modulardata.infra.stack.FreePorts;
import io.modulardata.infra.stack.KeycloakSeed;
import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.infra.stack.StackHome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Keycloak for tests: both realms ({@link KeycloakServer#REALM}, {@link KeycloakServer#PARTNER_REALM})
 * imported, free ports, a temporary home deleted on {@link #close()} (kept when the start failed, for its log).
 * Start one per test class (a start takes tens of seconds), or use {@link #shared()} for one per JVM.
 *
 * <pre>{@code
 * try (KeycloakTestServer keycloak = KeycloakTestServer.start()) {
 *     String issuer = keycloak.issuer(KeycloakServer.REALM);     // MDP_OIDC_ISSUER of the services
 *     String token = keycloak.accessToken(KeycloakServer.REALM, "acme-admin");
 *     String newKid = keycloak.rotateSigningKey(KeycloakServer.REALM);
 * }
 * }</pre>
 */
public final class KeycloakTestServer implements AutoCloseable {

    /** The public client with the password grant, in both realms; its tokens carry {@code aud: modulardata}. */
    public static final String CLI_CLIENT = "modulardata-cli";
    /** A public client of the platform realm whose tokens do not carry the {@code modulardata} audience. */
    public static final String OTHER_AUDIENCE_CLIENT = "other-app";
    /** The console's public client of the platform realm: authorization code flow with PKCE (see KeycloakAdmin#allowRedirects). */
    public static final String CONSOLE_CLIENT = "modulardata-console";
    /** The first start of a distribution also builds Keycloak's server image, minutes on a busy machine. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private static KeycloakTestServer shared;

    private final KeycloakServer server;
    private final Path home;
    private final KeycloakAdmin admin;
    /** Stops the server if the test JVM ends without {@link #close()}, so that no Keycloak outlives its tests. */
    private final Thread shutdownHook;

    private KeycloakTestServer(KeycloakServer server, Path home) {
        this.server = server;
        this.home = home;
        this.admin = new KeycloakAdmin(server.url());
        this.shutdownHook = new Thread(this::stopAndDeleteHome, "keycloak-test-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Keycloak and waits until the realms are imported and it answers. Without a {@link KeycloakSeed} yet, the
     * first server is stopped right after its import to take one, and started again: later starts skip the import.
     */
    public static KeycloakTestServer start() {
        StackHome stackHome = StackHome.locate();
        KeycloakSeed seed = KeycloakServer.seed(stackHome);
        Path home = temporaryHome();
        KeycloakServer server = launchAndAwait(stackHome, home);
        if (!seed.exists()) {
            if (server.stopCleanly()) {
                try {
                    seed.take(home);
                } catch (IOException e) {
                    System.err.println("No Keycloak seed taken (" + e + "); every start imports the realms");
                }
            }
            server = launchAndAwait(stackHome, home);
        }
        return new KeycloakTestServer(server, home);
    }

    private static KeycloakServer launchAndAwait(StackHome stackHome, Path home) {
        KeycloakServer server = KeycloakServer.launch(stackHome, home, home.resolve("keycloak.log"), FreePorts.pick(), FreePorts.pick());
        try {
            server.awaitReady(START_TIMEOUT, () -> false);
        } catch (RuntimeException e) {
            server.stop(); // the home stays, with the log that says why
            throw e;
        }
        return server;
    }

    /** One server for the whole JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KeycloakTestServer shared() {
        if (shared == null) {
            shared = start(); // its shutdown hook stops it
        }
        return shared;
    }

    /** e.g. {@code http://localhost:41234}. */
    public String url() {
        return server.url();
    }

    /** e.g. {@code http://localhost:41234/realms/modulardata}: what the services get as {@code MDP_OIDC_ISSUER}. */
    public String issuer(String realm) {
        return server.issuer(realm);
    }

    /** An access token of a demo user of the realm (its password from the realm file), through {@link #CLI_CLIENT}. */
    public String accessToken(String realm, String username) {
        String password = DemoUsers.of(realm).password(username).orElseThrow(() -> new IllegalArgumentException(
                "No demo user '" + username + "' in realm " + realm + "; there are: " + DemoUsers.of(realm).names()));
        return accessToken(realm, CLI_CLIENT, username, password);
    }

    /** An access token from the password grant of {@code clientId} (a public client with direct access grants). */
    public String accessToken(String realm, String clientId, String username, String password) {
        return PasswordGrant.accessToken(issuer(realm), clientId, username, password);
    }

    /** The {@code kid} of the key the realm signs with now. */
    public String activeSigningKeyId(String realm) {
        return admin.activeSigningKeyId(realm);
    }

    /** A new active RS256 key, the old one disabled (see {@link KeycloakAdmin#rotateSigningKey}); returns the new kid. */
    public String rotateSigningKey(String realm) {
        return admin.rotateSigningKey(realm);
    }

    /** A new user of the realm (see {@link KeycloakAdmin#createUser}); get its token with {@link #accessToken(String, String, String, String)}. */
    public String createUser(String realm, String username, String password, String role, String tenant) {
        return admin.createUser(realm, username, password, role, tenant);
    }

    public KeycloakAdmin admin() {
        return admin;
    }

    public Path logFile() {
        return home.resolve("keycloak.log");
    }

    @Override
    public void close() {
        removeShutdownHook();
        stopAndDeleteHome();
    }

    private void stopAndDeleteHome() {
        server.stop();
        try (Stream<Path> paths = Files.walk(home)) {
            // The lib link goes with the home; what it points to (the distribution) stays.
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already; the hook stops the server anyway.
        }
    }

    private static Path temporaryHome() {
        try {
            return Files.createTempDirectory("mdp-keycloak-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
