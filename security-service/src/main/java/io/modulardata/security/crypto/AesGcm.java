package io.modulardata.security.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Key wrapping with the JDK's AES-256-GCM: iv || ciphertext+tag, bound to associated data. Plain class. */
public final class AesGcm {

    private static final int IV = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    public static byte[] seal(SecretKeySpec key, byte[] associatedData, byte[] plaintext) throws GeneralSecurityException {
        byte[] iv = new byte[IV];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associatedData);
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = Arrays.copyOf(iv, IV + sealed.length);
        System.arraycopy(sealed, 0, out, IV, sealed.length);
        return out;
    }

    /** Reverses {@link #seal}; fails when the blob was changed, sealed for other associated data or under another key. */
    public static byte[] open(SecretKeySpec key, byte[] associatedData, byte[] sealed) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed, IV, sealed.length - IV);
    }
}
