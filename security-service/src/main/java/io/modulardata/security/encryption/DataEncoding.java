package io.modulardata.security.encryption;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * How plaintext travels in JSON. A token holds bytes, not text: encrypt takes text ({@code utf8}, the
 * default) or {@code base64} for binary data, and decrypt answers text only when the bytes are valid UTF-8
 * (checked strictly, never repaired) and base64 otherwise, saying which in {@code dataEncoding}.
 */
public enum DataEncoding {
    UTF8, BASE64;

    public static final String CHOICES = "utf8 or base64";

    /** The JSON spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The encoding a request names; {@code null} means utf8. Empty when it names none of ours. */
    public static Optional<DataEncoding> parse(String label) {
        if (label == null) {
            return Optional.of(UTF8);
        }
        for (DataEncoding encoding : values()) {
            if (encoding.label().equalsIgnoreCase(label)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    /** The bytes {@code data} stands for; IllegalArgumentException when it is not base64 (standard or url-safe). */
    public byte[] toBytes(String data) {
        if (this == UTF8) {
            return data.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException notStandard) {
            return Base64.getUrlDecoder().decode(data);
        }
    }

    /** Bytes as JSON carries them: the text when they are valid UTF-8, else standard base64. */
    public static Encoded encode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new Encoded(text, UTF8);
        } catch (CharacterCodingException notUtf8) {
            return new Encoded(Base64.getEncoder().encodeToString(bytes), BASE64);
        }
    }

    /** Plaintext ready for a JSON answer. */
    public record Encoded(String data, DataEncoding encoding) {
        @Override
        public String toString() {
            return "Encoded[data=redacted, encoding=" + encoding + "]";
        }
    }
}
