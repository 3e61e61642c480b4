package io.modulardata.audit.ingest;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.modulardata.audit.chain.AuditEntry;

/**
 * Turns any Avro record read from a platform topic into an unchained {@link AuditEntry}: the envelope
 * fields become columns, every other field goes into the JSON payload. Works on the writer schema
 * alone, so event types this service was never built with are recorded too. Timestamps become ISO-8601
 * text, enums their symbol, bytes base64, floating point numbers exact decimals.
 */
public final class EventMapper {

    static final List<String> ENVELOPE = List.of("eventId", "occurredAt", "tenantId", "actor", "correlationId",
            "aggregateId", "aggregateVersion");
    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private EventMapper() {
    }

    public static AuditEntry toEntry(String topic, int partition, long offset, GenericRecord record) {
        Schema schema = record.getSchema();
        ObjectNode payload = JSON.objectNode();
        for (Schema.Field field : schema.getFields()) {
            if (!ENVELOPE.contains(field.name())) {
                payload.set(field.name(), json(record.get(field.pos()), field.schema()));
            }
        }
        String eventId = text(record, "eventId");
        return new AuditEntry(0, topic, partition, offset, schema.getFullName(),
                eventId.isEmpty() ? "kafka:" + topic + ":" + partition + ":" + offset : eventId,
                instant(field(record, "occurredAt")), text(record, "tenantId"), text(record, "actor"),
                text(record, "correlationId"), text(record, "aggregateId"), number(field(record, "aggregateVersion")),
                payload, null);
    }

    static JsonNode json(Object value, Schema schema) {
        if (value == null) {
            return JSON.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        if (value instanceof Instant instant) {
            return JSON.textNode(instant.toString());
        }
        if (logical instanceof LogicalTypes.TimestampMillis && value instanceof Long millis) {
            return JSON.textNode(Instant.ofEpochMilli(millis).toString());
        }
        if (logical instanceof LogicalTypes.TimestampMicros && value instanceof Long micros) {
            return JSON.textNode(Instant.EPOCH.plusNanos(micros * 1000).toString());
        }
        switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                ObjectNode object = JSON.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), json(record.get(field.pos()), field.schema()));
                }
                return object;
            }
            case ARRAY -> {
                ArrayNode array = JSON.arrayNode();
                for (Object element : (Collection<?>) value) {
                    array.add(json(element, schema.getElementType()));
                }
                return array;
            }
            case MAP -> {
                ObjectNode object = JSON.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    object.set(entry.getKey().toString(), json(entry.getValue(), schema.getValueType()));
                }
                return object;
            }
            case UNION -> {
                return json(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            }
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED -> {
                return JSON.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            }
            case INT, LONG -> {
                return JSON.numberNode(((Number) value).longValue());
            }
            case FLOAT, DOUBLE -> {
                double number = ((Number) value).doubleValue();
                return Double.isFinite(number) ? JSON.numberNode(new BigDecimal(Double.toString(number)))
                        : JSON.textNode(Double.toString(number));
            }
            case BOOLEAN -> {
                return JSON.booleanNode((Boolean) value);
            }
            case NULL -> {
                return JSON.nullNode();
            }
            default -> {
                return JSON.textNode(value.toString()); // STRING, ENUM (and uuid strings)
            }
        }
    }

    private static Object field(GenericRecord record, String name) {
        return record.getSchema().getField(name) == null ? null : record.get(name);
    }

    private static String text(GenericRecord record, String name) {
        Object value = field(record, name);
        return value == null ? "" : value.toString();
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant; // AuditEntry keeps it to the millisecond
        }
        return value instanceof Number number ? Instant.ofEpochMilli(number.longValue()) : Instant.EPOCH;
    }
}
