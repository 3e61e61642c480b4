package io.modulardata.security.encryption;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.modulardata.security.subjects.SubjectEnvelope;

/**
 * The Fernet token inside an encrypted payload. Ours are the token itself, or for a data subject's payload the
 * token in its {@link SubjectEnvelope}; the original platform
 * base64-encoded the token's text once more. A token's text always starts with 'g' (its first byte is
 * 0x80) and base64 of it with "Z0FBQUFB", so the two forms cannot be mistaken for each other. Anything
 * else is handed on unchanged and refused as an invalid token, with the same answer as any bad token.
 */
final class EncryptedPayloads {

    private EncryptedPayloads() {
    }

    static String fernetToken(String payload) {
        var subject = SubjectEnvelope.parse(payload, SubjectEnvelope.Kind.PAYLOAD);
        if (subject.isPresent()) {
            return subject.get().token();
        }
        if (payload.isEmpty() || payload.charAt(0) == 'g') {
            return payload;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException notBase64) {
            return payload;
        }
        if (decoded.length == 0 || decoded[0] != 'g') {
            return payload;
        }
        for (byte b : decoded) {
            if (b < 0x21 || b > 0x7E) {
                return payload;
            }
        }
        return new String(decoded, StandardCharsets.US_ASCII);
    }
}
