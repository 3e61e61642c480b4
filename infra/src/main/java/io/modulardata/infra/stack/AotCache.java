package io.modulardata.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The JDK's ahead-of-time cache of one packaged service (JEP 483/514/515), in {@code target/aot-cache/} beside its
 * {@code quarkus-app}. Its name is a hash of everything that invalidates it: the JDK (home and version), the JVM
 * options (compact headers must match the training) and every file of the application (path, size, modification
 * time: what the JVM itself checks of the class path). A rebuild or another JDK gives another name; a cache that
 * still does not fit is ignored by the JVM (-XX:AOTMode=auto), which then starts as without one.
 */
public record AotCache(Path file) {

    static final String FOLDER = "aot-cache";

    /** The cache for the service whose {@code quarkus-run.jar} is {@code jar}, run by {@code runtime} with {@code options}. */
    public static AotCache of(Path jar, JavaRuntime runtime, List<String> options) {
        Path app = jar.toAbsolutePath().getParent();
        Path folder = app.getParent().resolve(FOLDER);
        return new AotCache(folder.resolve(app.getParent().getParent().getFileName() + "-" + key(app, runtime, options) + ".aot"));
    }

    static String key(Path app, JavaRuntime runtime, List<String> options) {
        MessageDigest digest = sha256();
        update(digest, runtime.home().toAbsolutePath() + "\n" + runtime.version() + "\n" + String.join(" ", options) + "\n");
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                update(digest, app.relativize(file) + " " + Files.size(file) + " "
                        + Files.getLastModifiedTime(file).toMillis() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + app, e);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** A file of its own for one training run, so two runs training at once never write the same file. */
    public Path trainingFile() {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + file.getParent(), e);
        }
        return file.resolveSibling(file.getFileName() + ".training-" + UUID.randomUUID());
    }

    /**
     * Makes a finished training run's file the cache, in one atomic rename (a starting service sees the whole
     * cache or none), and deletes the caches of earlier builds and JDKs of this service.
     */
    public void adopt(Path trained) throws IOException {
        Files.move(trained, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String service = file.getFileName().toString().replaceAll("-[0-9a-f]{16}\\.aot$", "-");
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            for (Path old : siblings.filter(path -> !path.equals(file)).toList()) {
                String name = old.getFileName().toString();
                if (name.startsWith(service) && name.endsWith(".aot")) {
                    Files.deleteIfExists(old);
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
