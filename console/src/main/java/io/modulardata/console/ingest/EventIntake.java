package io.modulardata.console.ingest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.modulardata.console.events.EventLog;
import io.modulardata.console.live.LiveStream;

/**
 * Where every decoded event goes: copies are dropped, the rest numbered and applied to every view, then
 * handed to the live stream, so a page that refreshes on the stream's signal already reads the new state.
 */
@ApplicationScoped
public class EventIntake {

    /** Far more than the copies one outbox retry can produce; about 10 MB of ids at most. */
    static final int REMEMBERED_IDS = 100_000;

    private final List<Projection> projections;
    private final EventLog log;
    private final LiveStream live;
    private final RecentIds seen = new RecentIds(REMEMBERED_IDS);
    private long sequence;

    public EventIntake(Instance<Projection> projections, EventLog log, LiveStream live) {
        this.projections = projections.stream().toList();
        this.log = log;
        this.live = live;
    }

    /** Called by the ingest thread only. */
    public void accept(List<PlatformEvent> batch) {
        List<PlatformEvent> fresh = new java.util.ArrayList<>(batch.size());
        for (PlatformEvent event : batch) {
            if (seen.add(event.eventId())) {
                fresh.add(event.withSequence(++sequence));
            }
        }
        for (PlatformEvent event : fresh) {
            projections.forEach(projection -> projection.apply(event));
            log.append(event);
        }
        if (!fresh.isEmpty()) {
            live.publish(fresh);
        }
    }
}
