package io.modulardata.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJvmTest {

    @TempDir
    Path jvms;

    @Test
    void choosesTheNewestJdkOf25OrLater() throws IOException {
        Path own = jdk("java-17", "17.0.15");
        jdk("temurin-25", "25.0.3");
        Path newest = jdk("temurin-25.0.10", "25.0.10");
        jdk("java-21", "21.0.7");

        ServiceJvm jvm = ServiceJvm.choose(Map.of(), own, List.of(jvms));

        assertThat(jvm.runtime().home()).isEqualTo(newest);
        assertThat(jvm.aot()).isTrue();
        assertThat(jvm.options()).containsExactly("-XX:+UseCompactObjectHeaders");
    }

    @Test
    void keepsItsOwnJavaWithoutAnyJdkOf25() throws IOException {
        Path own = jdk("java-17", "17.0.15");
        jdk("java-21", "21.0.7");

        ServiceJvm jvm = ServiceJvm.choose(Map.of(), own, List.of(jvms, jvms.resolve("missing")));

        assertThat(jvm.runtime().home()).isEqualTo(own);
        assertThat(jvm.aot()).isFalse();
        assertThat(jvm.options()).isEmpty();
    }

    @Test
    void aSettingNamesTheJdk() throws IOException {
        Path own = jdk("java-17", "17.0.15");
        jdk("temurin-26", "26.0.1");
        Path chosen = jdk("temurin-25", "25.0.3");

        ServiceJvm jvm = ServiceJvm.choose(Map.of("MDP_SERVICE_JAVA_HOME", chosen.toString()), own, List.of(jvms));

        assertThat(jvm.runtime().home()).isEqualTo(chosen);
        assertThat(jvm.aot()).isTrue();
    }

    @Test
    void aSettingThatIsNoJdkIsAnError() throws IOException {
        Path own = jdk("java-17", "17.0.15");

        assertThatThrownBy(() -> ServiceJvm.choose(Map.of("MDP_SERVICE_JAVA_HOME", jvms.resolve("nowhere").toString()),
                own, List.of(jvms)))
                .hasMessageContaining("MDP_SERVICE_JAVA_HOME");
    }

    @Test
    void aotOffKeepsTheNewJdkWithoutCache() throws IOException {
        Path own = jdk("java-17", "17.0.15");
        Path newest = jdk("temurin-25", "25.0.3");

        ServiceJvm jvm = ServiceJvm.choose(Map.of("MDP_AOT", "off"), own, List.of(jvms));

        assertThat(jvm.runtime().home()).isEqualTo(newest);
        assertThat(jvm.aot()).isFalse();
        assertThat(jvm.options()).containsExactly("-XX:+UseCompactObjectHeaders");
    }

    @Test
    void readsFeatureReleases() {
        assertThat(new JavaRuntime(jvms, "17.0.15").feature()).isEqualTo(17);
        assertThat(new JavaRuntime(jvms, "25").feature()).isEqualTo(25);
        assertThat(new JavaRuntime(jvms, "1.8.0_402").feature()).isEqualTo(8);
    }

    private Path jdk(String folder, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(folder));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        return home;
    }
}
