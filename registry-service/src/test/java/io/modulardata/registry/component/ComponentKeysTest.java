package io.modulardata.registry.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class ComponentKeysTest {

    @Test
    void keyJoinsIdAndVersion() {
        assertThat(ComponentKeys.key("etl-core", "2.1.0")).isEqualTo("etl-core-2.1.0");
    }

    @Test
    void hashIsFirst16HexOfSha256OverIdVersionAndCapabilityList() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("etl-core-2.1.0-['transform', 'validate']".getBytes(StandardCharsets.UTF_8));
        assertThat(ComponentKeys.hash("etl-core", "2.1.0", List.of("transform", "validate")))
                .isEqualTo(HexFormat.of().formatHex(digest).substring(0, 16))
                .hasSize(16);
    }

    @Test
    void hashChangesWithCapabilities() {
        assertThat(ComponentKeys.hash("a", "1.0.0", List.of("x")))
                .isNotEqualTo(ComponentKeys.hash("a", "1.0.0", List.of("x", "y")));
    }
}
