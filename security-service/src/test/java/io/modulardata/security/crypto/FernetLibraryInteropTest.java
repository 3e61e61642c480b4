package io.modulardata.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAmount;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.StringValidator;
import com.macasaet.fernet.Token;
import com.macasaet.fernet.TokenValidationException;

import io.modulardata.security.crypto.FernetTokens.InvalidTokenException;
import io.modulardata.security.crypto.FernetTokens.VersionedKey;

/**
 * Our Fernet against an independent implementation (fernet-java8, test scope only), in both directions,
 * for payload sizes around the AES block boundaries: each side must read what the other wrote, and
 * refuse what the other would refuse.
 */
class FernetLibraryInteropTest {

    private final Key libraryKey = Key.generateKey();
    private final byte[] key = FernetTokens.parseKey(libraryKey.serialise());
    private final List<VersionedKey> ring = List.of(new VersionedKey(1, key));

    @Test
    void libraryDecryptsOurTokensOfEverySize() {
        for (String data : payloads()) {
            String ours = FernetTokens.encrypt(key, data);
            assertThat(Token.fromString(ours).validateAndDecrypt(libraryKey, withTtl(Duration.ofMinutes(1))))
                    .as("%d chars", data.length()).isEqualTo(data);
        }
    }

    @Test
    void weDecryptLibraryTokensOfEverySize() {
        for (String data : payloads()) {
            String theirs = Token.generate(libraryKey, data).serialise();
            assertThat(FernetTokens.decrypt(theirs, ring, Optional.of(Duration.ofMinutes(1))).plaintext())
                    .asString(StandardCharsets.UTF_8)
                    .as("%d chars", data.length()).isEqualTo(data);
        }
    }

    @Test
    void bothSidesRefuseExpiredAndFutureTokens() {
        // Both sides read the same fixed time.
        Instant now = Instant.parse("2026-11-26T03:00:00Z");
        String old = FernetTokens.encrypt(key, "hello".getBytes(StandardCharsets.UTF_8), now.minusSeconds(3600));
        String future = FernetTokens.encrypt(key, "hello".getBytes(StandardCharsets.UTF_8), now.plusSeconds(600));
        String justBeyondTheSkew = FernetTokens.encrypt(key, "hello".getBytes(StandardCharsets.UTF_8), now.plusSeconds(61));
        for (String token : List.of(old, future, justBeyondTheSkew)) {
            assertThatThrownBy(() -> FernetTokens.decrypt(token, ring, Optional.of(Duration.ofSeconds(60)), now))
                    .isInstanceOf(InvalidTokenException.class);
            assertThatThrownBy(() -> Token.fromString(token).validateAndDecrypt(libraryKey, withTtl(Duration.ofSeconds(60), now)))
                    .isInstanceOf(TokenValidationException.class);
        }
        // Within the TTL, and within the allowed clock skew ahead, both accept.
        String recent = FernetTokens.encrypt(key, "hello".getBytes(StandardCharsets.UTF_8), now.minusSeconds(59));
        String slightlyAhead = FernetTokens.encrypt(key, "hello".getBytes(StandardCharsets.UTF_8), now.plusSeconds(59));
        for (String token : List.of(recent, slightlyAhead)) {
            assertThat(FernetTokens.decrypt(token, ring, Optional.of(Duration.ofSeconds(60)), now).plaintext())
                    .asString(StandardCharsets.UTF_8).isEqualTo("hello");
            assertThat(Token.fromString(token).validateAndDecrypt(libraryKey, withTtl(Duration.ofSeconds(60), now))).isEqualTo("hello");
        }
        // Without a TTL the age is not checked (as Python's Fernet.decrypt without ttl).
        assertThat(FernetTokens.decrypt(old, ring, Optional.empty(), now).plaintext())
                .asString(StandardCharsets.UTF_8).isEqualTo("hello");
    }

    @Test
    void weRefuseTamperedLibraryTokensAndTheLibraryRefusesTamperedOnes() {
        String theirs = Token.generate(libraryKey, "hello").serialise();
        byte[] raw = Base64.getUrlDecoder().decode(theirs);
        for (int position : new int[] {0, 5, 20, 30, raw.length - 1}) {
            byte[] changed = raw.clone();
            changed[position] ^= 1;
            String tampered = Base64.getUrlEncoder().encodeToString(changed);
            assertThatThrownBy(() -> FernetTokens.decrypt(tampered, ring, Optional.empty()))
                    .as("byte %d", position).isInstanceOf(InvalidTokenException.class);
            assertThatThrownBy(() -> Token.fromString(tampered).validateAndDecrypt(libraryKey, withTtl(Duration.ofDays(1))))
                    .as("byte %d", position).isInstanceOf(RuntimeException.class);
        }
        Key otherKey = Key.generateKey();
        assertThatThrownBy(() -> FernetTokens.decrypt(Token.generate(otherKey, "hello").serialise(), ring, Optional.empty()))
                .isInstanceOf(InvalidTokenException.class);
    }

    private static List<String> payloads() {
        return List.of("", "a", "x".repeat(15), "x".repeat(16), "x".repeat(17), "Grüße ✓ " + "y".repeat(1000),
                "z".repeat(64 * 1024));
    }

    private static StringValidator withTtl(Duration ttl) {
        return withTtl(ttl, null);
    }

    /** The library's validator with a TTL, on a fixed clock at {@code now} (the system clock when null). */
    private static StringValidator withTtl(Duration ttl, Instant now) {
        return new StringValidator() {
            @Override
            public TemporalAmount getTimeToLive() {
                return ttl;
            }

            @Override
            public Clock getClock() {
                return now == null ? Clock.system(ZoneOffset.UTC) : Clock.fixed(now, ZoneOffset.UTC);
            }
        };
    }
}
