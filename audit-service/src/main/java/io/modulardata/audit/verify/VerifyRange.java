package io.modulardata.audit.verify;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.modulardata.audit.query.EventQuery;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;

/**
 * What {@code GET /audit/verify?from=&to=} checks: either sequence numbers (inclusive) or ISO-8601
 * instants, compared with each entry's {@code occurredAt} (from inclusive, to exclusive, like the
 * event queries and compliance reports). Both given values must be of the same kind; absent bounds are open.
 */
public record VerifyRange(Long firstSequence, Long lastSequence, Instant from, Instant to) {

    private static final String KINDS = "must be a sequence number (a positive integer) or an ISO-8601 instant such as 2026-01-31T12:00:00Z";

    public boolean byTime() {
        return from != null || to != null;
    }

    /** Parses the query parameters; throws a 400 naming every bad parameter. */
    public static VerifyRange parse(String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        Object first = bound("from", from, errors);
        Object last = bound("to", to, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (first != null && last != null && first.getClass() != last.getClass()) {
            throw new InvalidRequestException("to", first instanceof Long
                    ? "must be a sequence number like from" : "must be an ISO-8601 instant like from");
        }
        if (first instanceof Instant || last instanceof Instant) {
            Instant start = (Instant) first;
            Instant end = (Instant) last;
            if (start != null && end != null && start.isAfter(end)) {
                throw new InvalidRequestException("from", "must not be after to");
            }
            return new VerifyRange(null, null, start, end);
        }
        Long start = (Long) first;
        Long end = (Long) last;
        if (start != null && end != null && start > end) {
            throw new InvalidRequestException("from", "must not be greater than to");
        }
        return new VerifyRange(start, end, null, null);
    }

    /** A Long sequence number, an Instant, or null when absent (an error is recorded when neither parses). */
    private static Object bound(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
                long sequence = Long.parseLong(value);
                if (sequence >= 1) {
                    return sequence;
                }
            } catch (NumberFormatException e) {
                // too large: reported below
            }
            errors.add(new FieldError(field, KINDS));
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (EventQuery.isStorable(instant)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(field, KINDS));
        return null;
    }
}
