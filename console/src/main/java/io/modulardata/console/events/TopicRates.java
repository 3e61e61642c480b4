package io.modulardata.console.events;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Events per second per topic, over the last {@link #WINDOW_SECONDS} whole seconds, counted as the console
 * takes events in. Thread-safe.
 */
public final class TopicRates {

    static final int WINDOW_SECONDS = 10;
    private static final int SLOTS = WINDOW_SECONDS + 2;

    private final Clock clock;
    private final Map<String, Slots> byTopic = new HashMap<>();

    public TopicRates(Clock clock) {
        this.clock = clock;
    }

    public synchronized void count(String topic) {
        byTopic.computeIfAbsent(topic, ignored -> new Slots()).add(clock.millis() / 1000);
    }

    /** Events per second over the last whole seconds (the current, unfinished second is left out). */
    public synchronized double perSecond(String topic) {
        Slots slots = byTopic.get(topic);
        return slots == null ? 0 : slots.sumBefore(clock.millis() / 1000) / (double) WINDOW_SECONDS;
    }

    /** One counter per second, in a ring. */
    private static final class Slots {
        private final long[] seconds = new long[SLOTS];
        private final long[] counts = new long[SLOTS];

        void add(long second) {
            int slot = (int) (second % SLOTS);
            if (seconds[slot] != second) {
                seconds[slot] = second;
                counts[slot] = 0;
            }
            counts[slot]++;
        }

        long sumBefore(long now) {
            long sum = 0;
            for (int i = 0; i < SLOTS; i++) {
                if (seconds[i] < now && seconds[i] >= now - WINDOW_SECONDS) {
                    sum += counts[i];
                }
            }
            return sum;
        }
    }
}
