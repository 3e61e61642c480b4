package io.modulardata.console.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One event as the console read it from its topic: the seven envelope fields, where it was on the topic,
 * and every other field of the record as plain Java values (texts, numbers, booleans, instants, lists, maps).
 * {@code sequence} numbers events in the order the console took them in, starting at 1.
 */
public record PlatformEvent(
        long sequence,
        String topic,
        int partition,
        long offset,
        String eventId,
        String type,
        String tenantId,
        String actor,
        String correlationId,
        String aggregateId,
        long aggregateVersion,
        Instant occurredAt,
        Map<String, Object> payload) {

    public PlatformEvent withSequence(long number) {
        return new PlatformEvent(number, topic, partition, offset, eventId, type, tenantId, actor, correlationId,
                aggregateId, aggregateVersion, occurredAt, payload);
    }

    /** A payload field as text; empty when it is missing or null. */
    public Optional<String> text(String field) {
        Object value = payload.get(field);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    public String textOr(String field, String fallback) {
        return text(field).orElse(fallback);
    }

    public Optional<Long> number(String field) {
        return payload.get(field) instanceof Number number ? Optional.of(number.longValue()) : Optional.empty();
    }

    public Optional<Double> decimal(String field) {
        return payload.get(field) instanceof Number number ? Optional.of(number.doubleValue()) : Optional.empty();
    }

    public boolean flag(String field) {
        return Boolean.TRUE.equals(payload.get(field));
    }

    /** A list field's items as texts (empty when missing). */
    public List<String> texts(String field) {
        return payload.get(field) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** A map or nested record field (empty when missing). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String field) {
        return payload.get(field) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
