package io.modulardata.security.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

/**
 * The platform master key (32 bytes). It never encrypts data itself: it wraps every tenant key with AES-256-GCM
 * under a key derived from it (HKDF, RFC 5869, HMAC-SHA256), so key material is only ever stored encrypted.
 * Tenant key versions made before random keys were derived from it too. Plain class, no Quarkus types.
 */
public final class MasterKey {

    public static final int LENGTH = 32;
    private static final byte[] SALT = "modulardata-security-v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] pseudoRandomKey;
    private final SecretKeySpec wrappingKey;

    public MasterKey(byte[] material) {
        if (material == null || material.length != LENGTH) {
            throw new IllegalArgumentException("The master key must be " + LENGTH + " bytes");
        }
        this.pseudoRandomKey = Hkdf.hmac(SALT, material);
        this.wrappingKey = new SecretKeySpec(expand("wrap", LENGTH), "AES");
    }

    /** Reads base64 (standard or url-safe, padded or not) of exactly 32 bytes; the message never echoes the value. */
    public static MasterKey parse(String encoded) {
        String text = encoded.trim();
        byte[] bytes;
        try {
            bytes = text.contains("+") || text.contains("/") ? Base64.getDecoder().decode(text)
                    : Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The master key is not base64");
        }
        return new MasterKey(bytes);
    }

    public static MasterKey random() {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        return new MasterKey(bytes);
    }

    /**
     * The 32-byte Fernet key of one tenant key version as versions were made before random keys: HKDF-Expand(info =
     * tenant/version). No new version is made this way (KeyVault.randomKey); kept to document and test the legacy.
     */
    public byte[] deriveTenantKey(String tenantId, int keyVersion) {
        return expand("tenant-key/" + tenantId + "/" + keyVersion, LENGTH);
    }

    /**
     * The key of a tenant that makes keyed pseudonyms of its data subjects (subject references): stable across
     * key rotations, so the same subject always gets the same reference.
     */
    public byte[] subjectRefKey(String tenantId) {
        return expand("subject-ref/" + tenantId, LENGTH);
    }

    /** AES-256-GCM of a tenant key, bound (associated data) to its tenant and version: iv || ciphertext+tag. */
    public byte[] wrap(String tenantId, int keyVersion, byte[] key) {
        try {
            return AesGcm.seal(wrappingKey, associatedData(tenantId, keyVersion), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Key wrapping failed", e);
        }
    }

    /** Reverses {@link #wrap}; fails when the blob was changed, moved to another tenant/version or wrapped under another master key. */
    public byte[] unwrap(String tenantId, int keyVersion, byte[] wrapped) {
        try {
            return AesGcm.open(wrappingKey, associatedData(tenantId, keyVersion), wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored key of tenant " + tenantId + " version " + keyVersion
                    + " does not unwrap under the configured master key");
        }
    }

    private static byte[] associatedData(String tenantId, int keyVersion) {
        return (tenantId + "/" + keyVersion).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] expand(String info, int length) {
        return Hkdf.expand(pseudoRandomKey, info, length);
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
