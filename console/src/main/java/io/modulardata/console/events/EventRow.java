package io.modulardata.console.events;

/** An event as a row of the live tail: the envelope, a one-line summary of the payload and the whole payload. */
public record EventRow(long sequence, String eventId, String occurredAt, String topic, String type, String tenantId,
        String actor, String aggregate, String correlationId, String summary, String payloadJson) {
}
