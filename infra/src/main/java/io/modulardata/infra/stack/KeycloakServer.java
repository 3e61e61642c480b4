package io.modulardata.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Keycloak from its distribution in {@code infra/target/stack/keycloak}, run as a child process in development
 * mode ({@code kc.sh start-dev}: HTTP, an H2 database in files) with the realms {@value #REALM} and
 * {@value #PARTNER_REALM} ({@code io/modulardata/infra/keycloak/*-realm.json}) imported on its first start.
 * <p>
 * Each server gets a home folder of its own ({@code kc.home.dir}: its database and the realm files to import), so
 * servers never share data. The distribution's {@code lib/} is linked into that home: Keycloak keeps the server
 * image it builds for development mode there, so it is built once per distribution, not on every start. A new home
 * starts from the {@link KeycloakSeed} when there is one: the realms are then in its database already.
 */
public final class KeycloakServer extends ChildProcessServer {

    public static final String STEP = "Keycloak";
    /** The platform's realm: the four roles, the clients of the CLI and the console, demo users. */
    public static final String REALM = "modulardata";
    /** Stands in for a tenant's own identity provider. */
    public static final String PARTNER_REALM = "partner";
    public static final List<String> REALMS = List.of(REALM, PARTNER_REALM);
    /** The bootstrap administrator of the master realm (admin console, Admin REST API): local use only. */
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private static final String HOST = "127.0.0.1";

    private final int port;

    private KeycloakServer(ChildProcess process, int port) {
        super(process);
        this.port = port;
    }

    /** Where a realm's definition lives on the classpath, e.g. {@code /io/modulardata/infra/keycloak/partner-realm.json}. */
    public static String realmResource(String realm) {
        return "/io/modulardata/infra/keycloak/" + realm + "-realm.json";
    }

    /**
     * Starts Keycloak with its data in {@code home} (created if missing, reused if it exists: realms that exist
     * there already are not imported again) on {@code port}; the issuer host is {@code localhost}.
     */
    public static KeycloakServer launch(StackHome stackHome, Path home, Path logFile, int port, int managementPort) {
        Path distribution = stackHome.keycloakDistribution();
        try {
            prepareHome(distribution, home);
            seed(stackHome).plant(home);
        } catch (IOException e) {
            throw new StackStartException(STEP, logFile, "could not prepare " + home + ": " + e.getMessage(), e);
        }
        List<String> command = List.of("sh", distribution.resolve("bin/kc.sh").toString(),
                // After kc.sh's own -Dkc.home.dir, so this one wins.
                "-Dkc.home.dir=" + home,
                "-Djboss.server.config.dir=" + home.resolve("conf"),
                "start-dev",
                "--http-host=" + HOST,
                "--http-port=" + port,
                // Only opened for health and metrics (both off), set anyway so that 9000 is never taken.
                "--http-management-port=" + managementPort,
                // A fixed issuer (iss) whichever address a client used to reach the server.
                "--hostname=" + url(port),
                "--import-realm");
        Map<String, String> environment = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "JAVA_OPTS_APPEND", ExtraJvmOptions.fromEnvironment().joined());
        return new KeycloakServer(ChildProcess.start(STEP, command, home, logFile, environment), port);
    }

    /** The database after the first import of {@link #REALMS} for this distribution (see {@link KeycloakSeed}). */
    public static KeycloakSeed seed(StackHome stackHome) {
        return KeycloakSeed.of(stackHome, stackHome.keycloakDistribution(), REALMS);
    }

    /** Stops the server as {@link #stop()} does; whether it shut down cleanly, its database closed. */
    public boolean stopCleanly() {
        return process().stopCleanly();
    }

    private static void prepareHome(Path distribution, Path home) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        Files.createDirectories(home.resolve("conf"));
        Path lib = home.resolve("lib");
        Path target = distribution.resolve("lib");
        if (Files.isSymbolicLink(lib) && !Files.readSymbolicLink(lib).equals(target)) {
            Files.delete(lib); // a home from an earlier distribution
        }
        if (!Files.exists(lib, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(lib, target);
        }
        for (String realm : REALMS) {
            try (InputStream definition = KeycloakServer.class.getResourceAsStream(realmResource(realm))) {
                if (definition == null) {
                    throw new IOException("missing resource " + realmResource(realm));
                }
                Files.copy(definition, imports.resolve(realm + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Ready when the platform's realm (imported before the HTTP port opens) serves its discovery document. */
    public void awaitReady(Duration timeout, BooleanSupplier cancelled) {
        String discovery = "http://" + HOST + ":" + port + "/realms/" + REALM + "/.well-known/openid-configuration";
        Readiness.await(STEP, process(), timeout, cancelled, () -> HttpProbe.answersOk(discovery));
    }

    public int port() {
        return port;
    }

    /** e.g. {@code http://localhost:8180}: the admin console is at {@code /admin}. */
    public String url() {
        return url(port);
    }

    /** e.g. {@code http://localhost:8180/realms/modulardata}: what the services get as {@code MDP_OIDC_ISSUER}. */
    public String issuer(String realm) {
        return issuer(url(), realm);
    }

    public static String issuer(String url, String realm) {
        return url + "/realms/" + realm;
    }

    public static String url(int port) {
        return "http://localhost:" + port;
    }
}
