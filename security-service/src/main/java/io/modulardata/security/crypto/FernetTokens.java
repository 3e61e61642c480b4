package io.modulardata.security.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Fernet token format (github.com/fernet/spec) on the JDK's own AES-128-CBC/PKCS7 and HMAC-SHA256:
 * {@code 0x80 | timestamp (8, big endian seconds) | IV (16) | ciphertext | HMAC-SHA256 (32)}, url-safe
 * base64 with padding. Key bytes 0-15 sign, 16-31 encrypt. Only the byte layout is written here; the
 * primitives are javax.crypto's. Cipher and Mac objects are kept per thread (creating them costs more
 * than the work on a 1 KiB payload) and re-initialised with the key of each call.
 * Every failure is the same {@link InvalidTokenException}: callers learn nothing about why.
 */
public final class FernetTokens {

    private static final byte VERSION = (byte) 0x80;
    private static final int HEADER = 1 + 8 + 16;
    private static final int HMAC = 32;
    private static final int BLOCK = 16;
    /** version(1) + timestamp(8) + iv(16) + one cipher block(16) + hmac(32). */
    private static final int MIN_TOKEN_BYTES = HEADER + BLOCK + HMAC;
    /** Tokens stamped further ahead than this are refused when a TTL is checked (the spec's and Python's 60 s). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(FernetTokens::newCipher);
    private static final ThreadLocal<Signer> SIGNER = ThreadLocal.withInitial(() -> new Signer(newMac()));

    private FernetTokens() {
    }

    /** Reads a Fernet key: url-safe base64 (padded) of exactly 32 bytes. */
    public static byte[] parseKey(String encoded) {
        if (encoded == null || encoded.length() != 44 || !isPaddedUrlSafeBase64(encoded)) {
            throw new IllegalArgumentException("must be url-safe base64 of 32 bytes (44 characters)");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(encoded);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("must be url-safe base64 of 32 bytes (44 characters)");
        }
        return bytes;
    }

    public static String encrypt(byte[] key, String plaintext) {
        return encrypt(key, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** A token over any bytes, as Python's {@code Fernet.encrypt(data: bytes)}. */
    public static String encrypt(byte[] key, byte[] plaintext) {
        return encrypt(key, plaintext, Instant.now());
    }

    /** A token stamped with the given time (tests use it for expiry and clock skew). */
    public static String encrypt(byte[] key, byte[] plaintext, Instant at) {
        checkKey(key);
        int cipherLength = (plaintext.length / BLOCK + 1) * BLOCK;
        byte[] token = new byte[HEADER + cipherLength + HMAC];
        token[0] = VERSION;
        putLong(token, 1, at.getEpochSecond());
        byte[] iv = new byte[BLOCK];
        RANDOM.nextBytes(iv);
        System.arraycopy(iv, 0, token, 9, BLOCK);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 16, 16, "AES"), new IvParameterSpec(iv));
            int written = cipher.doFinal(plaintext, 0, plaintext.length, token, HEADER);
            if (written != cipherLength) {
                throw new IllegalStateException("Unexpected AES-CBC output length " + written);
            }
            Mac mac = signer(key);
            mac.update(token, 0, HEADER + cipherLength);
            mac.doFinal(token, HEADER + cipherLength);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Fernet encryption failed", e);
        }
        return Base64.getUrlEncoder().encodeToString(token);
    }

    /** Decrypts with the first key (newest first) whose HMAC matches, like MultiFernet. */
    public static Decrypted decrypt(String token, List<VersionedKey> keysNewestFirst, Optional<Duration> ttl) {
        return decrypt(token, keysNewestFirst, ttl, Instant.now());
    }

    /**
     * As {@link #decrypt(String, List, Optional)} at a given time. With a TTL, the token must be at most
     * that old and at most {@link #MAX_CLOCK_SKEW} in the future; without one the timestamp is not
     * checked (as Python's {@code Fernet.decrypt(token)} without ttl).
     */
    public static Decrypted decrypt(String token, List<VersionedKey> keysNewestFirst, Optional<Duration> ttl, Instant now) {
        byte[] bytes = decodeTextForm(token);
        int signed = bytes.length - HMAC;
        for (VersionedKey key : keysNewestFirst) {
            if (signatureMatches(key.material(), bytes, signed)) {
                checkTimestamp(getLong(bytes, 1), ttl, now.getEpochSecond());
                return new Decrypted(decryptBody(key.material(), bytes, signed), key.version());
            }
        }
        throw new InvalidTokenException();
    }

    private static boolean signatureMatches(byte[] key, byte[] token, int signedLength) {
        checkKey(key);
        Mac mac = signer(key);
        mac.update(token, 0, signedLength);
        byte[] expected = mac.doFinal();
        byte[] actual = new byte[HMAC];
        System.arraycopy(token, signedLength, actual, 0, HMAC);
        // Constant time: a timing difference must not tell how much of a forged HMAC was right.
        return MessageDigest.isEqual(expected, actual);
    }

    private static void checkTimestamp(long issuedAt, Optional<Duration> ttl, long now) {
        if (ttl.isEmpty()) {
            return;
        }
        // The timestamp is unsigned in the spec: a negative long is a time far in the future.
        if (issuedAt < 0 || issuedAt > now + MAX_CLOCK_SKEW.toSeconds() || now - issuedAt > ttl.get().toSeconds()) {
            throw new InvalidTokenException();
        }
    }

    private static byte[] decryptBody(byte[] key, byte[] token, int signedLength) {
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, 16, 16, "AES"), new IvParameterSpec(token, 9, BLOCK));
            return cipher.doFinal(token, HEADER, signedLength - HEADER);
        } catch (GeneralSecurityException e) {
            // Bad padding under a valid HMAC: only the key holder could have made it, still refused the same way.
            throw new InvalidTokenException();
        }
    }

    /** Strict text form, as other implementations accept it: padded url-safe base64 of a well-sized 0x80 token. */
    private static byte[] decodeTextForm(String token) {
        if (token == null || token.isEmpty() || token.length() % 4 != 0 || !isPaddedUrlSafeBase64(token)) {
            throw new InvalidTokenException();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException();
        }
        if (bytes.length < MIN_TOKEN_BYTES || bytes[0] != VERSION || (bytes.length - HEADER - HMAC) % BLOCK != 0) {
            throw new InvalidTokenException();
        }
        return bytes;
    }

    /** {@code [A-Za-z0-9_-]+={0,2}}, without a regular expression on the hot path. */
    private static boolean isPaddedUrlSafeBase64(String text) {
        int end = text.length();
        int padding = 0;
        while (end > 0 && text.charAt(end - 1) == '=' && padding < 2) {
            end--;
            padding++;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Mac signer(byte[] key) {
        return SIGNER.get().keyedWith(key);
    }

    /**
     * A thread's Mac and the signing key it holds. Every use ends with doFinal, which resets the Mac to
     * its keyed start, so the same key needs no new init (init hashes the key pads again each time).
     */
    private static final class Signer {
        private final Mac mac;
        private final byte[] signingKey = new byte[16];
        private boolean keyed;

        Signer(Mac mac) {
            this.mac = mac;
        }

        Mac keyedWith(byte[] key) {
            if (!keyed || !Arrays.equals(signingKey, 0, 16, key, 0, 16)) {
                keyed = false;
                try {
                    mac.init(new SecretKeySpec(key, 0, 16, "HmacSHA256"));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HMAC key rejected", e);
                }
                System.arraycopy(key, 0, signingKey, 0, 16);
                keyed = true;
            }
            return mac;
        }
    }

    private static void checkKey(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("A Fernet key is 32 bytes");
        }
    }

    private static void putLong(byte[] target, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            target[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static long getLong(byte[] source, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | source[offset + i] & 0xFF;
        }
        return value;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC is not available", e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** A key of a tenant's ring with its version. */
    public record VersionedKey(int version, byte[] material) {
    }

    /** The exact bytes the token holds (never decoded as text here: they need not be text) and the version that opened it. */
    public record Decrypted(byte[] plaintext, int keyVersion) {
    }

    /** The token is malformed, tampered, expired or not made with any allowed key; deliberately says no more. */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException() {
            super("The token could not be decrypted", null, false, false);
        }
    }
}
