package io.modulardata.audit.query;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.audit.chain.AuditEntry;

/** One audit entry as the API shows it. */
public record AuditEventView(long sequence, String eventId, String eventType, Instant occurredAt, String tenantId,
        String actor, String correlationId, String aggregateId, long aggregateVersion, String topic, int partition,
        long offset, JsonNode payload, String hash) {

    public static AuditEventView of(AuditEntry entry) {
        return new AuditEventView(entry.sequence(), entry.eventId(), entry.simpleType(), entry.occurredAt(),
                entry.tenantId(), entry.actor(), entry.correlationId(), entry.aggregateId(), entry.aggregateVersion(),
                entry.topic(), entry.partition(), entry.offset(), entry.payload(), entry.hash());
    }
}
