package io.modulardata.audit.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;

/** The filters of {@code GET /audit/events}, validated; absent filters are null. */
public record EventQuery(String tenantId, String eventType, String aggregateId, String correlationId, String actor,
        Instant from, Instant to, int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final Pattern TENANT_ID = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_.]{1,200}");
    private static final int MAX_TEXT = 256;
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    public EventQuery withTenant(String tenant) {
        return new EventQuery(tenant, eventType, aggregateId, correlationId, actor, from, to, limit, cursor);
    }

    /** Parses the raw query parameters; every invalid one is named in the 400. */
    public static EventQuery parse(String tenantId, String eventType, String aggregateId, String correlationId,
            String actor, String from, String to, String limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        if (tenantId != null && !TENANT_ID.matcher(tenantId).matches()) {
            errors.add(new FieldError("tenantId", "must be 1-32 of a-z, 0-9 and -"));
        }
        if (eventType != null && !EVENT_TYPE.matcher(eventType).matches()) {
            errors.add(new FieldError("eventType", "must be an event type name such as ComponentAccessGranted"));
        }
        text("aggregateId", aggregateId, errors);
        text("correlationId", correlationId, errors);
        text("actor", actor, errors);
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        int pageSize = limit(limit, errors);
        Cursor position = null;
        if (cursor != null) {
            try {
                position = Cursor.decode(cursor);
            } catch (InvalidRequestException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new EventQuery(tenantId, eventType, aggregateId, correlationId, actor, fromInstant, toInstant, pageSize, position);
    }

    public static int limit(String limit, List<FieldError> errors) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    public static Instant instant(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (!isStorable(instant)) {
                errors.add(new FieldError(field, "must be between years 0 and 9999"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    /** PostgreSQL timestamps end at year 294276; a query bound beyond any event is refused, not a 500. */
    public static boolean isStorable(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }

    public static void requireTenantId(String tenantId) {
        if (!TENANT_ID.matcher(tenantId).matches()) {
            throw new InvalidRequestException("tenantId", "must be 1-32 of a-z, 0-9 and -");
        }
    }

    private static void text(String field, String value, List<FieldError> errors) {
        if (value != null && (value.isEmpty() || value.length() > MAX_TEXT)) {
            errors.add(new FieldError(field, "must be 1-" + MAX_TEXT + " characters"));
        }
    }
}
