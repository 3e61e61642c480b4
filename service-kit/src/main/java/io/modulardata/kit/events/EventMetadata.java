package io.modulardata.kit.events;

import java.time.Instant;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecordBase;

/** The envelope every platform event carries (see {@code PlatformEvents.ENVELOPE_FIELDS}). */
public record EventMetadata(
        UUID eventId,
        Instant occurredAt,
        String tenantId,
        String actor,
        String correlationId,
        String aggregateId,
        long aggregateVersion) {

    /** The version of an event not yet recorded: the recorder stamps the real one. */
    public static final long UNVERSIONED = 0;

    /** Reads the envelope of any platform event. */
    public static EventMetadata of(SpecificRecordBase event) {
        return new EventMetadata(
                (UUID) event.get("eventId"),
                (Instant) event.get("occurredAt"),
                (String) event.get("tenantId"),
                (String) event.get("actor"),
                (String) event.get("correlationId"),
                (String) event.get("aggregateId"),
                (Long) event.get("aggregateVersion"));
    }

    /** Writes this envelope into an event whose payload fields are already set, and returns it. */
    public <T extends SpecificRecordBase> T stamp(T event) {
        event.put("eventId", eventId);
        event.put("occurredAt", occurredAt);
        event.put("tenantId", tenantId);
        event.put("actor", actor);
        event.put("correlationId", correlationId);
        event.put("aggregateId", aggregateId);
        event.put("aggregateVersion", aggregateVersion);
        return event;
    }

    /** Sets the aggregate version of an event; the one place a recorder numbers events. */
    public static <T extends SpecificRecordBase> T stampVersion(T event, long aggregateVersion) {
        event.put("aggregateVersion", aggregateVersion);
        return event;
    }
}
