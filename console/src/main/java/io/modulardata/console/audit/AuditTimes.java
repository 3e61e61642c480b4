package io.modulardata.console.audit;

import java.util.regex.Pattern;

/**
 * Times as a browser's {@code datetime-local} field sends them ({@code 2026-12-05T10:00}), read as UTC and
 * handed to audit-service as ISO-8601 instants; anything else is passed on as typed, for audit-service to judge.
 */
final class AuditTimes {

    private static final Pattern MINUTES = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    private static final Pattern SECONDS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");

    private AuditTimes() {
    }

    static String instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (MINUTES.matcher(trimmed).matches()) {
            return trimmed + ":00Z";
        }
        if (SECONDS.matcher(trimmed).matches()) {
            return trimmed + "Z";
        }
        return trimmed;
    }
}
