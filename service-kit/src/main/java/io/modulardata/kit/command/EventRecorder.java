package io.modulardata.kit.command;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.kit.eventstore.EventStore;
import io.modulardata.kit.projection.ReadModels;
import io.smallrye.mutiny.Uni;

/** Records a command's events: appends them to the log (and outbox) and applies them to the read models. */
@ApplicationScoped
public class EventRecorder {

    private final EventStore eventStore;
    private final ReadModels readModels;

    public EventRecorder(EventStore eventStore, ReadModels readModels) {
        this.eventStore = eventStore;
        this.readModels = readModels;
    }

    /** Must run inside {@link CommandRunner#inTransaction}. */
    public Uni<Void> record(String aggregateType, long expectedVersion, List<? extends SpecificRecordBase> events) {
        return eventStore.append(aggregateType, expectedVersion, events).chain(() -> readModels.apply(events));
    }
}
