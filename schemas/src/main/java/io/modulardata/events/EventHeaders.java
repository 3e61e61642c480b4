package io.modulardata.events;

/**
 * Kafka record headers the platform sets on every event it publishes, beside the Avro value. A reader that only
 * wants some event types can skip the others without decoding them.
 */
public final class EventHeaders {

    /** The event's Avro full name in UTF-8, e.g. {@code io.modulardata.events.ComponentRegistered}. */
    public static final String EVENT_TYPE = "mdp-event-type";

    private EventHeaders() {
    }
}
