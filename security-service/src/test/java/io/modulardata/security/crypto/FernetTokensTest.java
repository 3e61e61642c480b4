package io.modulardata.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.modulardata.security.crypto.FernetTokens.InvalidTokenException;
import io.modulardata.security.crypto.FernetTokens.VersionedKey;

class FernetTokensTest {

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
        String token = FernetTokens.encrypt(v1, "hello");
        List<VersionedKey> ring = List.of(new VersionedKey(1, v1));
        assertThat(FernetTokens.decrypt(token, ring, Optional.of(Duration.ofSeconds(60))).plaintext())
                .asString(StandardCharsets.UTF_8).isEqualTo("hello");
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
