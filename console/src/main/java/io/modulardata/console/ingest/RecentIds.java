package io.modulardata.console.ingest;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The eventIds taken in lately, to drop the copies that at-least-once delivery may bring (the outbox relay
 * sends an event again when it did not see the broker's ack). Copies arrive close to the original, so a
 * bounded window is enough; it keeps memory flat however long the console runs.
 */
final class RecentIds {

    private final int capacity;
    private final Set<String> ids = new LinkedHashSet<>();

    RecentIds(int capacity) {
        this.capacity = capacity;
    }

    /** True when the id is new (and remembers it), false for a copy. */
    boolean add(String eventId) {
        if (!ids.add(eventId)) {
            return false;
        }
        if (ids.size() > capacity) {
            var oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
