package io.modulardata.console.events;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.modulardata.console.ConsoleConfig;
import io.modulardata.console.ingest.CatchUp;
import io.modulardata.console.ingest.PlatformEvent;

/**
 * The latest events the console took in (the live tail, and what a reconnecting stream is replayed),
 * the number read per topic, and events per second per topic once the console has caught up (the
 * replay of the topics at start would otherwise look like a burst).
 */
@ApplicationScoped
public class EventLog {

    private final int capacity;
    private final CatchUp catchUp;
    private final Deque<PlatformEvent> recent = new ArrayDeque<>();
    private final Map<String, Long> totals = new TreeMap<>();
    private final TopicRates rates;

    @Inject
    public EventLog(ConsoleConfig config, CatchUp catchUp) {
        this(config.recentEvents(), catchUp, Clock.systemUTC());
    }

    EventLog(int capacity, CatchUp catchUp, Clock clock) {
        this.capacity = capacity;
        this.catchUp = catchUp;
        this.rates = new TopicRates(clock);
    }

    public void append(PlatformEvent event) {
        synchronized (recent) {
            recent.addLast(event);
            if (recent.size() > capacity) {
                recent.removeFirst();
            }
            totals.merge(event.topic(), 1L, Long::sum);
        }
        if (catchUp.caughtUp()) {
            rates.count(event.topic());
        }
    }

    /** Up to {@code limit} of the latest events that match, newest first. */
    public List<PlatformEvent> latest(Predicate<PlatformEvent> filter, int limit) {
        List<PlatformEvent> found = new ArrayList<>();
        synchronized (recent) {
            Iterator<PlatformEvent> newestFirst = recent.descendingIterator();
            while (newestFirst.hasNext() && found.size() < limit) {
                PlatformEvent event = newestFirst.next();
                if (filter.test(event)) {
                    found.add(event);
                }
            }
        }
        return found;
    }

    /** The latest matching events (newest first) and the number of the newest event taken in, read together. */
    public record Snapshot(List<PlatformEvent> events, long lastSequence) {
    }

    public Snapshot snapshot(Predicate<PlatformEvent> filter, int limit) {
        synchronized (recent) {
            return new Snapshot(latest(filter, limit), lastSequence());
        }
    }

    /** The kept events numbered above {@code sequence} that match, oldest first. */
    public List<PlatformEvent> after(long sequence, Predicate<PlatformEvent> filter) {
        List<PlatformEvent> found = new ArrayList<>();
        synchronized (recent) {
            for (PlatformEvent event : recent) {
                if (event.sequence() > sequence && filter.test(event)) {
                    found.add(event);
                }
            }
        }
        return found;
    }

    /** The number of the newest event taken in (0 before the first). */
    public long lastSequence() {
        synchronized (recent) {
            return recent.isEmpty() ? 0 : recent.getLast().sequence();
        }
    }

    /** Events read per topic since the console started. */
    public Map<String, Long> totals() {
        synchronized (recent) {
            return Map.copyOf(totals);
        }
    }

    public double perSecond(String topic) {
        return rates.perSecond(topic);
    }
}
