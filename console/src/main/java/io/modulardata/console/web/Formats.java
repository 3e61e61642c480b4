package io.modulardata.console.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How templates show times and figures: UTC, to the second, the same on every page. */
@TemplateExtension
public class Formats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** {@code 2026-12-05 19:20:54 UTC} */
    static String utc(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }

    /** {@code 19:20:54} */
    static String clock(Instant instant) {
        return instant == null ? "" : CLOCK.format(instant);
    }

    /** {@code 12.5} */
    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The first 12 characters of a hash, id or anything long. */
    static String shortened(String text) {
        return text == null || text.length() <= 12 ? text : text.substring(0, 12) + "…";
    }
}
