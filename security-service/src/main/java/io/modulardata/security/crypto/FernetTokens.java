package io.modulardata.security.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.temporal.TemporalAmount;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.StringValidator;
import com.macasaet.fernet.Token;

/**
 * Fernet (spec: version 0x80, timestamp, IV, AES-128-CBC, HMAC-SHA256, url-safe base64) through the
 * fernet-java8 library; this class only picks keys and checks the token's text form strictly, so a
 * token that another implementation (Python's {@code cryptography}) would refuse is refused here too.
 * Every failure is the same {@link InvalidTokenException}: callers learn nothing about why.
 */
public final class FernetTokens {

    /** No TTL given: tokens do not expire (as Python's Fernet with ttl=None); still bounded for Instant arithmetic. */
    private static final Duration NO_EXPIRY = Duration.ofDays(365L * 1000);
    private static final Pattern URL_SAFE_BASE64 = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
    /** version(1) + timestamp(8) + iv(16) + one cipher block(16) + hmac(32). */
    private static final int MIN_TOKEN_BYTES = 73;
    /** One generator for all IVs: the library's default makes (and seeds) a new SecureRandom per token. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private FernetTokens() {
    }

    /** Reads a Fernet key: url-safe base64 (padded) of exactly 32 bytes. */
    public static byte[] parseKey(String encoded) {
        if (encoded == null || encoded.length() != 44 || !URL_SAFE_BASE64.matcher(encoded).matches()) {
            throw new IllegalArgumentException("must be url-safe base64 of 32 bytes (44 characters)");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(encoded);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("must be url-safe base64 of 32 bytes (44 characters)");
        }
        return bytes;
    }

    public static String encrypt(byte[] key, String plaintext) {
        return Token.generate(RANDOM, new Key(key), plaintext.getBytes(StandardCharsets.UTF_8)).serialise();
    }

    /** Decrypts with the first key (newest first) whose HMAC matches, like MultiFernet. */
    public static Decrypted decrypt(String token, List<VersionedKey> keysNewestFirst, Optional<Duration> ttl) {
        checkTextForm(token);
        Token parsed;
        try {
            parsed = Token.fromString(token);
        } catch (RuntimeException e) {
            throw new InvalidTokenException();
        }
        StringValidator validator = new StringValidator() {
            @Override
            public TemporalAmount getTimeToLive() {
                return ttl.orElse(NO_EXPIRY);
            }
        };
        for (VersionedKey key : keysNewestFirst) {
            Key fernetKey = new Key(key.material());
            if (parsed.isValidSignature(fernetKey)) {
                try {
                    return new Decrypted(validator.validateAndDecrypt(fernetKey, parsed), key.version());
                } catch (RuntimeException e) {
                    throw new InvalidTokenException();
                }
            }
        }
        throw new InvalidTokenException();
    }

    private static void checkTextForm(String token) {
        if (token == null || token.length() % 4 != 0 || !URL_SAFE_BASE64.matcher(token).matches()) {
            throw new InvalidTokenException();
        }
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        if (bytes.length < MIN_TOKEN_BYTES || bytes[0] != (byte) 0x80 || (bytes.length - 57) % 16 != 0) {
            throw new InvalidTokenException();
        }
    }

    /** A key of a tenant's ring with its version. */
    public record VersionedKey(int version, byte[] material) {
    }

    public record Decrypted(String plaintext, int keyVersion) {
    }

    /** The token is malformed, tampered, expired or not made with any allowed key; deliberately says no more. */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException() {
            super("The token could not be decrypted", null, false, false);
        }
    }
}
