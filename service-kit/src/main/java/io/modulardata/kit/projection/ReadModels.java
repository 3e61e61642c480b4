package io.modulardata.kit.projection;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.kit.eventstore.EventStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The service's read models: applies new events to them, and rebuilds them all from the event log. */
@ApplicationScoped
public class ReadModels {

    private static final int PAGE_SIZE = 500;

    private final EventStore eventStore;
    private final List<Projection> projections;
    private final List<EventUpcaster> upcasters;

    public ReadModels(EventStore eventStore, Instance<Projection> projections, Instance<EventUpcaster> upcasters) {
        this.eventStore = eventStore;
        this.projections = projections.stream().toList();
        this.upcasters = upcasters.stream().toList();
    }

    /** Rebuilds every read model from the event log in one transaction; returns the number of events replayed. */
    public Uni<Long> rebuild() {
        // A SHARE lock lets commands already writing finish first and makes new ones wait until the
        // rebuilt models are committed, so none of their events falls between the replay and the commit.
        // The runtime role may not lock event_store itself: the procedure (db/kit) takes the lock for it.
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("call lock_event_store_for_rebuild()").executeUpdate())
                .chain(this::resetAll)
                .chain(() -> replayFrom(0L, 0L)))
                .invoke(count -> Log.infof("Rebuilt %d read models from %d events", projections.size(), count));
    }

    private Uni<Void> resetAll() {
        return Multi.createFrom().iterable(projections)
                .onItem().transformToUniAndConcatenate(Projection::reset)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Long> replayFrom(long afterPosition, long replayed) {
        return eventStore.readPage(afterPosition, PAGE_SIZE).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item(replayed);
            }
            long last = page.get(page.size() - 1).globalPosition();
            return Multi.createFrom().iterable(page)
                    .onItem().transformToUniAndConcatenate(stored -> applyAll(upcast(stored.event())))
                    .collect().last()
                    .chain(() -> replayFrom(last, replayed + page.size()));
        });
    }

    /** A stored event as the projections know it today (the log may hold it in an older form). */
    private SpecificRecordBase upcast(SpecificRecordBase stored) {
        SpecificRecordBase event = stored;
        for (EventUpcaster upcaster : upcasters) {
            event = upcaster.upcast(event);
        }
        return event;
    }

    /** Applies one event to every projection that handles it. */
    public Uni<Void> applyAll(SpecificRecordBase event) {
        return Multi.createFrom().iterable(projections)
                .filter(projection -> projection.handles(event))
                .onItem().transformToUniAndConcatenate(projection -> projection.apply(event))
                .collect().last()
                .replaceWithVoid();
    }

    /** Applies events in order (used by commands for the events they just appended). */
    public Uni<Void> apply(List<? extends SpecificRecordBase> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::applyAll)
                .collect().last()
                .replaceWithVoid();
    }

}
