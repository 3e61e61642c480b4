package io.modulardata.security.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform master key (32 bytes). It never encrypts data itself: it derives tenant keys with HKDF
 * (RFC 5869, HMAC-SHA256) and wraps every tenant key with AES-256-GCM under a key derived from it, so
 * key material is only ever stored encrypted. Plain class, no Quarkus types.
 */
public final class MasterKey {

    public static final int LENGTH = 32;
    private static final byte[] SALT = "modulardata-security-v1".getBytes(StandardCharsets.UTF_8);
    private static final int GCM_IV = 12;
    private static final int GCM_TAG_BITS = 128;

    private final byte[] pseudoRandomKey;
    private final SecretKeySpec wrappingKey;
    private final SecureRandom random = new SecureRandom();

    public MasterKey(byte[] material) {
        if (material == null || material.length != LENGTH) {
            throw new IllegalArgumentException("The master key must be " + LENGTH + " bytes");
        }
        this.pseudoRandomKey = hmac(SALT, material);
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

    /** The 32-byte Fernet key of one tenant key version, derived with HKDF-Expand(info = tenant/version). */
    public byte[] deriveTenantKey(String tenantId, int keyVersion) {
        return expand("tenant-key/" + tenantId + "/" + keyVersion, LENGTH);
    }

    /** AES-256-GCM of a tenant key, bound (associated data) to its tenant and version: iv || ciphertext+tag. */
    public byte[] wrap(String tenantId, int keyVersion, byte[] key) {
        try {
            byte[] iv = new byte[GCM_IV];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, wrappingKey, new GCMParameterSpec(GCM_TAG_BITS, iv));
            cipher.updateAAD(associatedData(tenantId, keyVersion));
            byte[] sealed = cipher.doFinal(key);
            byte[] out = Arrays.copyOf(iv, GCM_IV + sealed.length);
            System.arraycopy(sealed, 0, out, GCM_IV, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Key wrapping failed", e);
        }
    }

    /** Reverses {@link #wrap}; fails when the blob was changed, moved to another tenant/version or wrapped under another master key. */
    public byte[] unwrap(String tenantId, int keyVersion, byte[] wrapped) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, wrappingKey, new GCMParameterSpec(GCM_TAG_BITS, wrapped, 0, GCM_IV));
            cipher.updateAAD(associatedData(tenantId, keyVersion));
            return cipher.doFinal(wrapped, GCM_IV, wrapped.length - GCM_IV);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored key of tenant " + tenantId + " version " + keyVersion
                    + " does not unwrap under the configured master key");
        }
    }

    private static byte[] associatedData(String tenantId, int keyVersion) {
        return (tenantId + "/" + keyVersion).getBytes(StandardCharsets.UTF_8);
    }

    /** HKDF-Expand (RFC 5869 section 2.3). */
    private byte[] expand(String info, int length) {
        byte[] infoBytes = info.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            byte[] input = new byte[block.length + infoBytes.length + 1];
            System.arraycopy(block, 0, input, 0, block.length);
            System.arraycopy(infoBytes, 0, input, block.length, infoBytes.length);
            input[input.length - 1] = (byte) counter;
            block = hmac(pseudoRandomKey, input);
            int take = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, take);
            written += take;
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
