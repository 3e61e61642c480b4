package io.modulardata.audit.chain;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of the audit log. {@code sequence} and {@code hash} are 0 and null until the entry is
 * placed on the chain ({@link #chained}).
 */
public record AuditEntry(long sequence, String topic, int partition, long offset, String eventType, String eventId,
        Instant occurredAt, String tenantId, String actor, String correlationId, String aggregateId,
        long aggregateVersion, JsonNode payload, String hash) {

    public AuditEntry chained(long newSequence, String newHash) {
        return new AuditEntry(newSequence, topic, partition, offset, eventType, eventId, occurredAt, tenantId, actor,
                correlationId, aggregateId, aggregateVersion, payload, newHash);
    }

    /** The event type without its Avro namespace, e.g. {@code ComponentAccessGranted}. */
    public String simpleType() {
        int dot = eventType.lastIndexOf('.');
        return dot < 0 ? eventType : eventType.substring(dot + 1);
    }
}
