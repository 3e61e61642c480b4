package io.modulardata.infra.testing;

import org.apache.avro.generic.GenericRecord;

/**
 * One record read from a platform topic: its Kafka key, the registry content id it referenced, and
 * the value decoded with the writer schema fetched from the registry by that id.
 */
public record RecordedEvent(String topic, String key, long contentId, GenericRecord value) {

    public String type() {
        return value.getSchema().getFullName();
    }

    public String field(String name) {
        Object field = value.get(name);
        return field == null ? null : field.toString();
    }

    public String eventId() {
        return field("eventId");
    }
}
