package io.modulardata.registry.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SemanticVersionsTest {

    @Test
    void ordersBySemverPrecedenceNotText() {
        List<String> versions = new ArrayList<>(List.of("1.10.0", "2.0.0", "1.2.0", "1.2.0-beta.2", "1.2.0-beta.10", "0.9.1"));
        versions.sort(SemanticVersions.PRECEDENCE);
        assertThat(versions).containsExactly("0.9.1", "1.2.0-beta.2", "1.2.0-beta.10", "1.2.0", "1.10.0", "2.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "0.0.1", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha-2"})
    void acceptsSemanticVersions(String version) {
        assertThat(SemanticVersions.isValid(version)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0", "v1.0.0", "1.0.0+build.5", "01.0.0", "1.0.0.0", "latest", " 1.0.0", ""})
    void refusesEverythingElse(String version) {
        assertThat(SemanticVersions.isValid(version)).isFalse();
    }
}
