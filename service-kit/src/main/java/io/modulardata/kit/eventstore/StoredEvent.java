package io.modulardata.kit.eventstore;

import org.apache.avro.specific.SpecificRecordBase;

/** An event as read back from the event store, with its position in the store's global order. */
public record StoredEvent(long globalPosition, String aggregateType, SpecificRecordBase event) {
}
