package io.modulardata.console.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTargetTest {

    @Test
    void keepsPathsOfTheConsole() {
        assertThat(SafeTarget.of("/rollouts/5f0c?x=1")).isEqualTo("/rollouts/5f0c?x=1");
        assertThat(SafeTarget.of("/")).isEqualTo("/");
    }

    @Test
    void neverSendsTheUserToAnotherSite() {
        assertThat(SafeTarget.of("https://evil.example/")).isEqualTo("/");
        assertThat(SafeTarget.of("//evil.example/")).isEqualTo("/");
        assertThat(SafeTarget.of("/\\evil.example")).isEqualTo("/");
        assertThat(SafeTarget.of("javascript:alert(1)")).isEqualTo("/");
        assertThat(SafeTarget.of(null)).isEqualTo("/");
    }
}
