package io.modulardata.audit.query;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.audit.chain.AuditEntry;

/**
 * One audit entry as the API shows it. {@code personalDataErased}: the entry names a data subject erased after it, so
 * its sealed personal fields (security-service's {@code mdpf1.…}) can never be opened again and show as
 * {@value ErasedPersonalFields#ERASED}; the stored entry, which {@code hash} covers, is unchanged.
 */
public record AuditEventView(long sequence, String eventId, String eventType, Instant occurredAt, String tenantId,
        String actor, String correlationId, String aggregateId, long aggregateVersion, String topic, int partition,
        long offset, JsonNode payload, String hash, boolean personalDataErased) {

    public static AuditEventView of(AuditEntry entry) {
        return of(entry, entry.payload(), false);
    }

    static AuditEventView of(AuditEntry entry, JsonNode payload, boolean personalDataErased) {
        return new AuditEventView(entry.sequence(), entry.eventId(), entry.simpleType(), entry.occurredAt(),
                entry.tenantId(), entry.actor(), entry.correlationId(), entry.aggregateId(), entry.aggregateVersion(),
                entry.topic(), entry.partition(), entry.offset(), payload, entry.hash(), personalDataErased);
    }
}
