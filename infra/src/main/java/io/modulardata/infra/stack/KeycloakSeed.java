package io.modulardata.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keycloak's database (H2 files) just after the first import of the realms, kept under
 * {@code infra/target/stack/keycloak-seed/<key>} so that a new server home starts from it instead of creating the
 * schema and importing both realms again: about half of a start on an empty home (48 s against 23 s on this
 * machine, under load). The key is the distribution and the realm files, so a change to either makes a new seed.
 *
 * <p>A seed is taken only from a home that a server stopped cleanly right after its import, before anybody used it
 * (see {@code KeycloakTestServer}): it must hold the realms exactly as their files say. Several JVMs may race to
 * take it; the first complete copy wins, by an atomic rename.
 */
public final class KeycloakSeed {

    static final String DATABASE = "h2";

    private final Path dir;

    private KeycloakSeed(Path dir) {
        this.dir = dir;
    }

    /** The seed for this distribution and these realm files, present or not. */
    public static KeycloakSeed of(StackHome stackHome, Path distribution, List<String> realms) {
        return in(stackHome.dir(), distribution, realms);
    }

    /** The same, under the stack folder {@code stackDir}. */
    static KeycloakSeed in(Path stackDir, Path distribution, List<String> realms) {
        return new KeycloakSeed(stackDir.resolve("keycloak-seed").resolve(key(distribution, realms)));
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** Copies the seed's database into {@code home} unless the home has a database already; whether it did. */
    public boolean plant(Path home) throws IOException {
        Path database = database(home);
        if (!exists() || Files.exists(database)) {
            return false;
        }
        copy(dir, database);
        return true;
    }

    /** Keeps the database of {@code home} (whose server has stopped) as the seed, unless one exists already. */
    public void take(Path home) throws IOException {
        if (exists()) {
            return;
        }
        Files.createDirectories(dir.getParent());
        Path partial = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".partial-");
        copy(database(home), partial);
        try {
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
            delete(partial); // another JVM was quicker
        }
    }

    public Path dir() {
        return dir;
    }

    private static Path database(Path home) {
        return home.resolve("data").resolve(DATABASE);
    }

    /** The database file only (H2's MVStore keeps everything in one): its trace log is the server's, not the data's. */
    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".mv.db")).toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static String key(Path distribution, List<String> realms) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(distribution.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            for (String realm : realms) {
                try (InputStream definition = KeycloakSeed.class.getResourceAsStream(KeycloakServer.realmResource(realm))) {
                    if (definition == null) {
                        throw new IllegalStateException("missing resource " + KeycloakServer.realmResource(realm));
                    }
                    digest.update(definition.readAllBytes());
                }
            }
            return distribution.getFileName() + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
