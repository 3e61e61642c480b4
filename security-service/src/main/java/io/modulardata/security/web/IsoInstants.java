package io.modulardata.security.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** ISO-8601 instants in requests, read only when short enough to be one. */
public final class IsoInstants {

    /** Longer than any instant ({@code +999999999-12-31T23:59:59.999999999Z} is 36 characters). */
    public static final int MAX_LENGTH = 64;

    private IsoInstants() {
    }

    /** The instant, or null when the text is not one. */
    public static Instant parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
