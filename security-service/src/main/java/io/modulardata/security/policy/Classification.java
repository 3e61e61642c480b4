package io.modulardata.security.policy;

import java.util.Locale;
import java.util.Optional;

import io.modulardata.kit.json.EnumSpellings;

/** Data classification, ordered: public < internal < confidential < restricted. JSON form is lowercase. */
public enum Classification {
    PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED;

    /** Our label or the original platform's spelling, in any letter case. */
    public static Optional<Classification> parse(String text) {
        return EnumSpellings.parse(Classification.class, text);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static final String CHOICES = "public, internal, confidential or restricted";
}
