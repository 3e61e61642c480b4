package io.modulardata.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder {@code infra/target/stack} with the server binaries that the infra build fetched:
 * {@code kafka-lib/} (Kafka broker jars), {@code apicurio/} (Apicurio Registry distribution) and
 * {@code keycloak/} (Keycloak distribution).
 */
public final class StackHome {

    public static final String PROPERTY = "modulardata.stack.home";
    public static final String ENV = "MDP_STACK_HOME";
    private static final Path RELATIVE = Path.of("infra", "target", "stack");

    private final Path dir;

    private StackHome(Path dir) {
        this.dir = dir;
    }

    /** System property, then environment variable, then {@code infra/target/stack} above the current folder. */
    public static StackHome locate() {
        Optional<Path> configured = Optional.ofNullable(System.getProperty(PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(ENV)))
                .filter(value -> !value.isBlank())
                .map(Path::of);
        Path dir = configured.orElseGet(StackHome::searchUpwards);
        if (dir == null || !Files.isDirectory(dir.resolve("kafka-lib")) || !Files.isDirectory(dir.resolve("apicurio"))) {
            throw new IllegalStateException("Local stack binaries not found ("
                    + (dir == null ? "no " + RELATIVE + " above " + Path.of("").toAbsolutePath() : dir + " is incomplete")
                    + "; set -D" + PROPERTY + " or " + ENV + " to override). Build them at the repository root with: "
                    + "mvn -pl infra package");
        }
        return new StackHome(dir.toAbsolutePath());
    }

    private static Path searchUpwards() {
        for (Path current = Path.of("").toAbsolutePath(); current != null; current = current.getParent()) {
            if (Files.isDirectory(current.resolve(RELATIVE))) {
                return current.resolve(RELATIVE);
            }
        }
        return null;
    }

    public Path dir() {
        return dir;
    }

    /** For {@code java -cp}: every jar of the Kafka broker. */
    public String kafkaClasspath() {
        return dir.resolve("kafka-lib") + "/*";
    }

    /** The unpacked Keycloak distribution, {@code keycloak/keycloak-<version>}, with {@code bin/kc.sh}. */
    public Path keycloakDistribution() {
        Path parent = dir.resolve("keycloak");
        if (!Files.isDirectory(parent)) {
            throw new IllegalStateException("No Keycloak distribution in " + parent + "; rebuild with: mvn -pl infra package");
        }
        try (Stream<Path> dirs = Files.list(parent)) {
            return dirs.filter(candidate -> Files.isRegularFile(candidate.resolve("bin/kc.sh")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Keycloak distribution (bin/kc.sh) in " + parent
                            + "; rebuild with: mvn -pl infra clean package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path apicurioRunner() {
        try (Stream<Path> files = Files.list(dir.resolve("apicurio"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Apicurio Registry runner jar in "
                            + dir.resolve("apicurio") + "; rebuild with: mvn -pl infra clean package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
