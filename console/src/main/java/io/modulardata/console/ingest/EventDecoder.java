package io.modulardata.console.ingest;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns a record decoded by the Apicurio Avro deserializer (a GenericRecord with the writer's schema,
 * whatever its type) into a {@link PlatformEvent}: no generated classes, so event types and fields added
 * later are shown too. Timestamps become instants, enums their symbol, bytes base64, maps sorted by key.
 */
public final class EventDecoder {

    static final List<String> ENVELOPE = List.of("eventId", "occurredAt", "tenantId", "actor", "correlationId",
            "aggregateId", "aggregateVersion");

    private EventDecoder() {
    }

    /** Thrown for a record that lacks the envelope every platform event carries. */
    public static final class NotAnEvent extends RuntimeException {
        NotAnEvent(String message) {
            super(message);
        }
    }

    public static PlatformEvent decode(String topic, int partition, long offset, GenericRecord record) {
        Schema schema = record.getSchema();
        for (String field : ENVELOPE) {
            if (schema.getField(field) == null) {
                throw new NotAnEvent(schema.getFullName() + " at " + topic + "/" + partition + "@" + offset
                        + " has no " + field);
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        for (Schema.Field field : schema.getFields()) {
            if (!ENVELOPE.contains(field.name())) {
                payload.put(field.name(), plain(record.get(field.pos()), field.schema()));
            }
        }
        return new PlatformEvent(0, topic, partition, offset,
                text(record.get("eventId")),
                schema.getName(),
                text(record.get("tenantId")),
                text(record.get("actor")),
                text(record.get("correlationId")),
                text(record.get("aggregateId")),
                ((Number) record.get("aggregateVersion")).longValue(),
                instant(record.get("occurredAt")),
                payload);
    }

    private static Object plain(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        Schema effective = schema.getType() == Schema.Type.UNION ? branch(value, schema) : schema;
        LogicalType logical = effective.getLogicalType();
        if (logical != null && value instanceof Long millis
                && (logical.getName().equals("timestamp-millis") || logical.getName().equals("local-timestamp-millis"))) {
            return Instant.ofEpochMilli(millis);
        }
        if (value instanceof GenericRecord nested) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Schema.Field field : nested.getSchema().getFields()) {
                fields.put(field.name(), plain(nested.get(field.pos()), field.schema()));
            }
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            Schema values = effective.getType() == Schema.Type.MAP ? effective.getValueType() : Schema.create(Schema.Type.STRING);
            map.forEach((key, item) -> sorted.put(key.toString(), plain(item, values)));
            return sorted;
        }
        if (value instanceof Collection<?> items) {
            Schema itemSchema = effective.getType() == Schema.Type.ARRAY ? effective.getElementType() : Schema.create(Schema.Type.STRING);
            List<Object> list = new ArrayList<>(items.size());
            items.forEach(item -> list.add(plain(item, itemSchema)));
            return list;
        }
        if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            byte[] raw = new byte[copy.remaining()];
            copy.get(raw);
            return Base64.getEncoder().encodeToString(raw);
        }
        if (value instanceof CharSequence || value instanceof org.apache.avro.generic.GenericEnumSymbol<?>) {
            return value.toString();
        }
        return value; // numbers and booleans
    }

    /** The branch of a union that holds this value (the non-null one for the usual [null, T]). */
    private static Schema branch(Object value, Schema union) {
        List<Schema> types = union.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).toList();
        return types.size() == 1 ? types.get(0) : union;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        return Instant.ofEpochMilli(((Number) value).longValue());
    }
}
