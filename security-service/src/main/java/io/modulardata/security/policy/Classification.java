package io.modulardata.security.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Data classification, ordered: public < internal < confidential < restricted. JSON form is lowercase. */
public enum Classification {
    PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED;

    public static Optional<Classification> parse(String text) {
        return Arrays.stream(values()).filter(c -> c.label().equals(text)).findFirst();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static final String CHOICES = "public, internal, confidential or restricted";
}
