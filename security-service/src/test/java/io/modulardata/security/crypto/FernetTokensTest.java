package io.modulardata.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.modulardata.security.crypto.FernetTokens.InvalidTokenException;
import io.modulardata.security.crypto.FernetTokens.VersionedKey;

class FernetTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

    private final MasterKey master = MasterKey.random();
    private final byte[] v1 = master.deriveTenantKey("acme", 1);
    private final byte[] v2 = master.deriveTenantKey("acme", 2);

    @Test
    void derivesDistinctKeysPerTenantAndVersionDeterministically() {
        assertThat(v1).hasSize(32).isNotEqualTo(v2).isEqualTo(master.deriveTenantKey("acme", 1));
        assertThat(master.deriveTenantKey("globex", 1)).isNotEqualTo(v1);
        assertThat(MasterKey.random().deriveTenantKey("acme", 1)).isNotEqualTo(v1);
    }

    @Test
    void wrappedKeysOnlyUnwrapForTheirTenantAndVersion() {
        byte[] wrapped = master.wrap("acme", 1, v1);
        assertThat(java.util.Arrays.equals(wrapped, 12, 44, v1, 0, 32)).isFalse();
        assertThat(master.unwrap("acme", 1, wrapped)).isEqualTo(v1);
        assertThatThrownBy(() -> master.unwrap("acme", 2, wrapped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> master.unwrap("globex", 1, wrapped)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MasterKey.random().unwrap("acme", 1, wrapped)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void decryptsWithTheNewestMatchingVersion() {
        String token = FernetTokens.encrypt(v1, "hello");
        var decrypted = FernetTokens.decrypt(token, List.of(new VersionedKey(2, v2), new VersionedKey(1, v1)), Optional.empty());
        assertThat(decrypted.plaintext()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(decrypted.keyVersion()).isEqualTo(1);
    }

    @Test
    void refusesTamperedTruncatedMalformedAndForeignTokens() {
        String token = FernetTokens.encrypt(v1, "hello");
        List<VersionedKey> ring = List.of(new VersionedKey(1, v1));
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[raw.length - 40] ^= 1;
        String tampered = Base64.getUrlEncoder().encodeToString(raw);
        for (String bad : List.of(tampered, token.substring(0, token.length() - 8), "not*base64!", token.replace("=", ""),
                token + "==", "", FernetTokens.encrypt(master.deriveTenantKey("globex", 1), "hello"))) {
            assertThatThrownBy(() -> FernetTokens.decrypt(bad, ring, Optional.empty()))
                    .as(bad).isInstanceOf(InvalidTokenException.class)
                    .hasMessage("The token could not be decrypted");
        }
    }

    @Test
    void ttlIsEnforcedOnlyWhenGiven() {
        List<VersionedKey> ring = List.of(new VersionedKey(1, v1));
        String atTheLimit = stamped(NOW.minusSeconds(60));
        String oneSecondOlder = stamped(NOW.minusSeconds(61));
        Optional<Duration> ttl = Optional.of(Duration.ofSeconds(60));

        assertThat(FernetTokens.decrypt(atTheLimit, ring, ttl, NOW).plaintext()).asString(StandardCharsets.UTF_8).as("exactly 60 s old").isEqualTo("hello");
        assertThatThrownBy(() -> FernetTokens.decrypt(oneSecondOlder, ring, ttl, NOW)).as("61 s old")
                .isInstanceOf(InvalidTokenException.class);
        assertThat(FernetTokens.decrypt(oneSecondOlder, ring, Optional.empty(), NOW).plaintext()).asString(StandardCharsets.UTF_8).as("61 s old, no ttl")
                .isEqualTo("hello");
    }

    /** With a TTL, a token stamped up to 60 s ahead of this clock is accepted (the spec's and Python's skew). */
    @Test
    void theClockSkewAllowedAheadIsSixtySeconds() {
        List<VersionedKey> ring = List.of(new VersionedKey(1, v1));
        Optional<Duration> ttl = Optional.of(Duration.ofHours(1));

        assertThat(FernetTokens.MAX_CLOCK_SKEW).isEqualTo(Duration.ofSeconds(60));
        assertThat(FernetTokens.decrypt(stamped(NOW.plusSeconds(60)), ring, ttl, NOW).plaintext()).asString(StandardCharsets.UTF_8).as("60 s ahead")
                .isEqualTo("hello");
        String tooFarAhead = stamped(NOW.plusSeconds(61));
        assertThatThrownBy(() -> FernetTokens.decrypt(tooFarAhead, ring, ttl, NOW)).as("61 s ahead")
                .isInstanceOf(InvalidTokenException.class);
        assertThat(FernetTokens.decrypt(tooFarAhead, ring, Optional.empty(), NOW).plaintext()).asString(StandardCharsets.UTF_8).as("61 s ahead, no ttl")
                .isEqualTo("hello");
    }

    private String stamped(Instant at) {
        return FernetTokens.encrypt(v1, "hello".getBytes(StandardCharsets.UTF_8), at);
    }

    @Test
    void parsesOnlyThirtyTwoByteUrlSafeKeys() {
        String key = Base64.getUrlEncoder().encodeToString(v1);
        assertThat(FernetTokens.parseKey(key)).isEqualTo(v1);
        assertThatThrownBy(() -> FernetTokens.parseKey(key.substring(4))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FernetTokens.parseKey(Base64.getEncoder().encodeToString(new byte[32]).replace('A', '+')))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MasterKey.parse("c2hvcnQ=")).hasMessageNotContaining("c2hvcnQ");
    }
}
