package io.modulardata.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.modulardata.security.SecurityConfig;

/** The remembered primary versions; the database read on a miss is covered by the API tests. */
class PrimaryVersionsTest {

    @Test
    void aLateOlderReadNeverReplacesANewerVersion() {
        PrimaryVersions versions = new PrimaryVersions(null, config(Duration.ofMinutes(1)));
        versions.offer("acme", 3);
        versions.offer("acme", 2);
        assertThat(versions.current("acme").await().indefinitely()).isEqualTo(OptionalInt.of(3));
        versions.offer("acme", 4);
        assertThat(versions.current("acme").await().indefinitely()).isEqualTo(OptionalInt.of(4));
    }

    @Test
    void rememberedVersionsAreTenantScoped() {
        PrimaryVersions versions = new PrimaryVersions(null, config(Duration.ofMinutes(1)));
        versions.offer("acme", 5);
        versions.offer("globex", 1);
        assertThat(versions.current("globex").await().indefinitely()).isEqualTo(OptionalInt.of(1));
    }

    private static SecurityConfig config(Duration ttl) {
        return new SecurityConfig() {
            @Override
            public Optional<String> masterKey() {
                return Optional.empty();
            }

            @Override
            public Optional<String> masterKeyFile() {
                return Optional.empty();
            }

            @Override
            public Duration primaryVersionCache() {
                return ttl;
            }
        };
    }
}
