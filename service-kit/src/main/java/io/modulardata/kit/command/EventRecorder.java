package io.modulardata.kit.command;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.eventstore.EventStore;
import io.modulardata.kit.projection.ReadModels;
import io.smallrye.mutiny.Uni;

/**
 * Records a command's events: numbers them after the version the command loaded, appends them to the
 * log (and outbox) and applies them to the read models. The version is given once, here: the events
 * come from the command unnumbered.
 */
@ApplicationScoped
public class EventRecorder {

    private final EventStore eventStore;
    private final ReadModels readModels;

    public EventRecorder(EventStore eventStore, ReadModels readModels) {
        this.eventStore = eventStore;
        this.readModels = readModels;
    }

    /**
     * Must run inside {@link CommandRunner#inTransaction}. {@code expectedVersion} is the aggregate's version
     * the command decided on (0 for a new aggregate); the events become versions {@code expectedVersion + 1, ...}.
     */
    public Uni<Void> record(String aggregateType, long expectedVersion, List<? extends SpecificRecordBase> events) {
        long version = expectedVersion;
        for (SpecificRecordBase event : events) {
            EventMetadata.stampVersion(event, ++version);
        }
        return eventStore.append(aggregateType, expectedVersion, events).chain(() -> readModels.apply(events));
    }
}
