package io.modulardata.security.encryption;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Test helper: a Fernet token stamped in the past (the library only stamps "now"), to test TTL refusal without waiting. */
final class OldTokens {

    private OldTokens() {
    }

    static String make(String fernetKey, String plaintext, long ageSeconds) {
        try {
            byte[] key = Base64.getUrlDecoder().decode(fernetKey);
            byte[] iv = new byte[16];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, 16, 32), "AES"), new IvParameterSpec(iv));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(0x80);
            body.write(ByteBuffer.allocate(8).putLong(Instant.now().getEpochSecond() - ageSeconds).array());
            body.write(iv);
            body.write(ciphertext);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Arrays.copyOfRange(key, 0, 16), "HmacSHA256"));
            body.write(mac.doFinal(body.toByteArray()));
            return Base64.getUrlEncoder().encodeToString(body.toByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
