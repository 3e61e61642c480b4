package io.modulardata.security.subjects;

import java.util.Optional;

/**
 * What is sealed under a data subject's key names the key, so that it opens without the caller naming the
 * subject: {@code mdps1.<keyId>.<fernet token>} for an encrypted payload, {@code mdpf1.<keyId>.<fernet token>}
 * for a personal field of an event. The key id is random and says nothing about the subject. Plain class.
 */
public record SubjectEnvelope(Kind kind, String keyId, String token) {

    public enum Kind {
        PAYLOAD("mdps1"), FIELD("mdpf1");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public static Optional<SubjectEnvelope> parse(String text, Kind kind) {
        if (text == null || !text.startsWith(kind.prefix + ".")) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SubjectEnvelope(kind, parts[1], parts[2]));
    }

    @Override
    public String toString() {
        return kind.prefix + "." + keyId + "." + token;
    }
}
