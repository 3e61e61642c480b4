package io.modulardata.security.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-Expand (RFC 5869 section 2.3) with HMAC-SHA256, and plain HMAC-SHA256. Plain class. */
public final class Hkdf {

    private Hkdf() {
    }

    public static byte[] expand(byte[] pseudoRandomKey, String info, int length) {
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

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
