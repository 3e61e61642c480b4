package io.modulardata.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modulardata.security.SecurityConfig;

class MasterKeyProviderTest {

    private static SecurityConfig config(String value, String file) {
        return new SecurityConfig() {
            @Override
            public Optional<String> masterKey() {
                return Optional.ofNullable(value);
            }

            @Override
            public Optional<String> masterKeyFile() {
                return Optional.ofNullable(file);
            }

            @Override
            public java.time.Duration primaryVersionCache() {
                return java.time.Duration.ofSeconds(1);
            }
        };
    }

    @Test
    void refusesToStartWithoutAMasterKey() {
        assertThatThrownBy(() -> new MasterKeyProvider().masterKey(config(null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MDP_MASTER_KEY");
    }

    @Test
    void readsTheKeyFromTheEnvironmentValueOrAMountedFile(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[32];
        bytes[0] = 7;
        String encoded = Base64.getUrlEncoder().encodeToString(bytes);
        Path file = Files.writeString(dir.resolve("master-key"), encoded + "\n");
        MasterKey fromValue = new MasterKeyProvider().masterKey(config(encoded, null));
        MasterKey fromFile = new MasterKeyProvider().masterKey(config(null, file.toString()));
        assertThat(fromFile.deriveTenantKey("acme", 1)).isEqualTo(fromValue.deriveTenantKey("acme", 1));
        assertThat(fromValue.toString()).doesNotContain(encoded);
    }

    @Test
    void refusesAKeyOfTheWrongLengthWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new MasterKeyProvider().masterKey(config(shortKey, null)))
                .hasMessage("The master key must be 32 bytes");
    }
}
