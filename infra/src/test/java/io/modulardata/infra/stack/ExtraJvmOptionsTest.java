package io.modulardata.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtraJvmOptionsTest {

    @Test
    void readsSpaceSeparatedOptionsAndNothingWhenUnsetOrBlank() {
        assertThat(ExtraJvmOptions.from(Map.of(ExtraJvmOptions.VARIABLE, " -XX:TieredStopAtLevel=1   -Xss512k ")).options())
                .containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k");
        assertThat(ExtraJvmOptions.from(Map.of()).options()).isEmpty();
        assertThat(ExtraJvmOptions.from(Map.of(ExtraJvmOptions.VARIABLE, "  ")).options()).isEmpty();
    }

    @Test
    void refusesAWordThatIsNotAnOptionNamingTheVariable() {
        assertThatThrownBy(() -> ExtraJvmOptions.from(Map.of(ExtraJvmOptions.VARIABLE, "-Xmx1g oops")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ExtraJvmOptions.VARIABLE).hasMessageContaining("'oops'");
    }

    @Test
    void aServiceStartsWithThemAndTheyNameAnotherCache(@TempDir Path service) throws Exception {
        ServiceJvm jvm = new ServiceJvm(new JavaRuntime(Path.of("/opt/java/25"), "25.0.3"), true);
        Path jar = Files.createDirectories(service.resolve("target/quarkus-app")).resolve("quarkus-run.jar");
        Files.writeString(jar, "a service");
        ServiceLauncher plain = new ServiceLauncher(jvm);
        ServiceLauncher c1 = new ServiceLauncher(jvm, new ExtraJvmOptions(List.of("-XX:TieredStopAtLevel=1")));

        assertThat(c1.command(jar)).contains("-XX:TieredStopAtLevel=1")
                .containsSubsequence("-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        assertThat(plain.command(jar)).doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(c1.cache(jar)).as("a cache trained without them does not serve a start with them")
                .isNotEqualTo(plain.cache(jar));
    }
}
