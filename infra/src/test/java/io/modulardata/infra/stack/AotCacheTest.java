package io.modulardata.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    private static final List<String> OPTIONS = List.of("-XX:+UseCompactObjectHeaders", "-Xmx256m");

    @TempDir
    Path root;
    private Path jar;
    private final JavaRuntime jdk25 = new JavaRuntime(Path.of("/usr/lib/jvm/temurin-25"), "25.0.3");

    @BeforeEach
    void app() throws IOException {
        Path app = Files.createDirectories(root.resolve("registry-service/target/quarkus-app"));
        jar = Files.writeString(app.resolve("quarkus-run.jar"), "runner");
        Files.writeString(Files.createDirectories(app.resolve("lib/main")).resolve("a.jar"), "library");
    }

    @Test
    void livesBesideTheAppNamedAfterTheService() {
        Path file = AotCache.of(jar, jdk25, OPTIONS).file();

        assertThat(file.getParent()).isEqualTo(root.resolve("registry-service/target/aot-cache"));
        assertThat(file.getFileName().toString()).matches("registry-service-[0-9a-f]{16}\\.aot");
    }

    @Test
    void staysTheSameForTheSameBuildJdkAndOptions() {
        assertThat(AotCache.of(jar, jdk25, OPTIONS)).isEqualTo(AotCache.of(jar, jdk25, OPTIONS));
    }

    @Test
    void changesWithTheJdk() {
        assertThat(AotCache.of(jar, new JavaRuntime(jdk25.home(), "25.0.4"), OPTIONS))
                .isNotEqualTo(AotCache.of(jar, jdk25, OPTIONS));
        assertThat(AotCache.of(jar, new JavaRuntime(Path.of("/opt/java/25"), "25.0.3"), OPTIONS))
                .isNotEqualTo(AotCache.of(jar, jdk25, OPTIONS));
    }

    @Test
    void changesWithTheOptions() {
        assertThat(AotCache.of(jar, jdk25, List.of("-Xmx256m"))).isNotEqualTo(AotCache.of(jar, jdk25, OPTIONS));
    }

    @Test
    void changesWithAnyFileOfTheApp() throws IOException {
        AotCache before = AotCache.of(jar, jdk25, OPTIONS);
        Path library = jar.resolveSibling("lib/main/a.jar");

        Files.setLastModifiedTime(library, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        AotCache touched = AotCache.of(jar, jdk25, OPTIONS);
        Files.writeString(library, "library, rebuilt");
        AotCache rebuilt = AotCache.of(jar, jdk25, OPTIONS);
        Files.writeString(jar.resolveSibling("lib/main/b.jar"), "new library");
        AotCache added = AotCache.of(jar, jdk25, OPTIONS);

        assertThat(List.of(before, touched, rebuilt, added)).doesNotHaveDuplicates();
    }

    @Test
    void adoptingATrainedFileReplacesTheCachesOfEarlierBuilds() throws IOException {
        AotCache old = AotCache.of(jar, jdk25, OPTIONS);
        Files.writeString(old.trainingFile(), "interrupted training of another run");
        Files.writeString(old.file(), "cache of the old build");
        Files.writeString(jar, "runner, rebuilt");
        AotCache current = AotCache.of(jar, jdk25, OPTIONS);
        Path trained = Files.writeString(current.trainingFile(), "cache");

        current.adopt(trained);

        assertThat(current.exists()).isTrue();
        assertThat(Files.readString(current.file())).isEqualTo("cache");
        assertThat(old.exists()).isFalse();
        assertThat(trained).doesNotExist();
    }
}
