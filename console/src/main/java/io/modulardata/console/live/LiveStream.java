package io.modulardata.console.live;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.modulardata.console.ConsoleConfig;
import io.modulardata.console.events.EventFilter;
import io.modulardata.console.events.EventLog;
import io.modulardata.console.events.EventRows;
import io.modulardata.console.ingest.PlatformEvent;
import io.modulardata.console.signin.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Pushes what the console takes in to every open page, filtered on the server for each connection: an event
 * whose tenant the user may not see is never written to that user's stream. Each connection gets every
 * matching event as it comes, and at most one {@code refresh} per interval when any event it may see arrived
 * (pages re-read their views then, so a burst of events costs one re-read, not one per event).
 */
@ApplicationScoped
public class LiveStream {

    /** A browser that falls this far behind is disconnected; it reconnects and is replayed what it missed. */
    static final int BUFFER = 20_000;
    private static final Duration PING_EVERY = Duration.ofSeconds(15);

    private final EventLog log;
    private final EventRows rows;
    private final Set<Connection> connections = new CopyOnWriteArraySet<>();
    private final Object delivery = new Object();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "console-live-stream");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public LiveStream(ConsoleConfig config, EventLog log, EventRows rows) {
        this.log = log;
        this.rows = rows;
        long refreshMillis = config.refreshInterval().toMillis();
        timer.scheduleAtFixedRate(this::sendRefreshes, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::ping, PING_EVERY.toMillis(), PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        connections.forEach(connection -> connection.emitter.complete());
    }

    /**
     * A stream for one user: first the kept events numbered above {@code after} (0: none), then live ones.
     */
    public Multi<LiveMessage> open(Scope scope, EventFilter filter, long after) {
        return Multi.createFrom().<LiveMessage>emitter(emitter -> {
            Connection connection = new Connection(scope, filter, emitter, after);
            emitter.onTermination(() -> connections.remove(connection));
            // Replay and registration under the lock publish takes: events reach the stream once, in order.
            synchronized (delivery) {
                emitter.emit(new LiveMessage(LiveMessage.OPEN, null, Long.toString(log.lastSequence())));
                if (after > 0) {
                    log.after(after, event -> filter.matches(event, scope)).forEach(connection::send);
                }
                connections.add(connection);
            }
        }, BUFFER);
    }

    /** Called on the ingest thread with the events just applied to the views (and appended to the log). */
    public void publish(List<PlatformEvent> events) {
        synchronized (delivery) {
            for (Connection connection : connections) {
                for (PlatformEvent event : events) {
                    if (refreshes(connection, event)) {
                        connection.changed(event.type());
                    }
                    if (connection.filter.matches(event, connection.scope)) {
                        connection.send(event);
                    }
                }
            }
        }
    }

    /** Pages refresh for any event of a tenant the user sees (and of the tenant the page is about, if any). */
    private static boolean refreshes(Connection connection, PlatformEvent event) {
        String tenant = connection.filter.tenant();
        return connection.scope.sees(event.tenantId()) && (tenant == null || tenant.equals(event.tenantId()));
    }

    int connectionCount() {
        return connections.size();
    }

    private void sendRefreshes() {
        connections.forEach(Connection::flushRefresh);
    }

    private void ping() {
        connections.forEach(connection -> connection.emitter.emit(new LiveMessage(LiveMessage.PING, null, "-")));
    }

    private final class Connection {
        private final Scope scope;
        private final EventFilter filter;
        private final MultiEmitter<? super LiveMessage> emitter;
        private final AtomicReference<Set<String>> changedTypes = new AtomicReference<>();
        /** The newest event sent; an event the replay already sent is not sent again by publish. */
        private long lastSent;

        Connection(Scope scope, EventFilter filter, MultiEmitter<? super LiveMessage> emitter, long after) {
            this.scope = scope;
            this.filter = filter;
            this.emitter = emitter;
            this.lastSent = after;
        }

        void send(PlatformEvent event) {
            if (event.sequence() <= lastSent) {
                return;
            }
            lastSent = event.sequence();
            emitter.emit(new LiveMessage(LiveMessage.EVENT, Long.toString(event.sequence()), rows.row(event)));
        }

        void changed(String type) {
            changedTypes.getAndUpdate(types -> {
                Set<String> next = types == null ? new LinkedHashSet<>() : new LinkedHashSet<>(types);
                next.add(type);
                return next;
            });
        }

        void flushRefresh() {
            Set<String> types = changedTypes.getAndSet(null);
            if (types != null) {
                emitter.emit(new LiveMessage(LiveMessage.REFRESH, null, String.join(" ", types)));
            }
        }
    }
}
