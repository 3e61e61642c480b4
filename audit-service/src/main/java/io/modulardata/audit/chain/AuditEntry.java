package io.modulardata.audit.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of the audit log. {@code sequence} and {@code hash} are 0 and null until the entry is
 * placed on the chain ({@link #chained}). {@code occurredAt} is kept to the millisecond, the precision
 * events carry and the hash covers: a finer instant would be rounded by PostgreSQL's microsecond
 * column and could then hash to another millisecond than the one signed.
 */
public record AuditEntry(long sequence, String topic, int partition, long offset, String eventType, String eventId,
        Instant occurredAt, String tenantId, String actor, String correlationId, String aggregateId,
        long aggregateVersion, JsonNode payload, String hash) {

    public AuditEntry {
        occurredAt = occurredAt == null ? null : occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

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
