package io.modulardata.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modulardata.events.EventHeaders;
import io.modulardata.events.Topics;
import io.modulardata.kit.events.AvroEventCodec;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and deletes them once the broker has
 * acknowledged them. A crash between commit and publish leaves the rows in place, so they are sent on
 * the next run (at least once; consumers deduplicate by eventId). A transaction-scoped advisory lock
 * lets only one instance relay at a time, which keeps per-aggregate order across instances.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "outbox";
    /** Name of the counter of runs that found another instance relaying (Prometheus: outbox_relay_lock_busy_total). */
    public static final String LOCK_BUSY_RETRIES = "outbox.relay.lock.busy";

    static final long RELAY_LOCK_KEY = 0x6D64705F6F7574L; // "mdp_out"
    /** What a run returns when another instance held the relay lock. */
    private static final int LOCK_BUSY = -1;

    private static final String SELECT_BATCH = """
            select o.id, o.topic, e.tenant_id, e.event_type, e.payload, e.occurred_at
            from outbox o join event_store e on e.global_position = o.event_position
            order by o.id limit $1
            """;

    private final Pool pool;
    private final Emitter<SpecificRecordBase> emitter;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final RelayCheckpoint checkpoint;
    private final MeterRegistry meters;
    private final Map<String, Counter> publishedByTopic = new ConcurrentHashMap<>();
    private final Timer publishLag;
    private final Counter lockBusy;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean rerun = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private volatile boolean paused;
    private volatile long timerId = -1;

    public OutboxRelay(Pool pool, @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            Emitter<SpecificRecordBase> emitter, Vertx vertx, OutboxConfig config, RelayCheckpoint checkpoint, MeterRegistry meters) {
        this.pool = pool;
        this.emitter = emitter;
        this.vertx = vertx;
        this.config = config;
        this.checkpoint = checkpoint;
        this.meters = meters;
        // Every topic's counter from the start, at 0: a counter that first appears at 1 hides that event from rate().
        Topics.ALL.forEach(this::published);
        this.publishLag = Timer.builder("outbox.publish.lag").description("Time from an event's occurrence to its Kafka ack")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.lockBusy = Counter.builder(LOCK_BUSY_RETRIES)
                .description("Relay runs that found another instance relaying and were tried again").register(meters);
    }

    void start(@Observes StartupEvent startup) {
        if (config.enabled()) {
            timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wakeUp());
            wakeUp(); // rows a previous run of this instance left behind
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        paused = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Asks for a relay run now, e.g. right after a command committed. */
    public void wakeUp() {
        if (paused || !config.enabled()) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            rerun.set(true);
            return;
        }
        relayBatch().subscribe().with(this::finished, failure -> {
            Log.warnf("Outbox relay run failed, retrying on the next poll: %s", failure.toString());
            running.set(false);
        });
    }

    private void finished(int relayed) {
        running.set(false);
        if (relayed == LOCK_BUSY) {
            retryWhileAnotherInstanceRelays();
        } else if (relayed == config.batchSize() || rerun.getAndSet(false)) {
            wakeUp();
        }
    }

    /** One timer at a time, however many wake-ups found the lock busy meanwhile. */
    private void retryWhileAnotherInstanceRelays() {
        lockBusy.increment();
        if (retryScheduled.compareAndSet(false, true)) {
            vertx.setTimer(config.lockBusyRetry().toMillis(), id -> {
                retryScheduled.set(false);
                wakeUp();
            });
        }
    }

    /** Stops relaying (rows stay in the outbox) until {@link #resume()}; for operators and crash tests. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        wakeUp();
    }

    /** True while a relay run is in flight. */
    public boolean isRunning() {
        return running.get();
    }

    /** Rows committed but not yet acknowledged by Kafka. */
    public Uni<Long> pendingCount() {
        return pool.query("select count(*) from outbox").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection
                .query("select pg_try_advisory_xact_lock(" + RELAY_LOCK_KEY + ")").execute()
                .chain(lock -> lock.iterator().next().getBoolean(0) ? publishBatch(connection) : Uni.createFrom().item(LOCK_BUSY)));
    }

    private Uni<Integer> publishBatch(SqlConnection connection) {
        return connection.preparedQuery(SELECT_BATCH).execute(Tuple.of(config.batchSize()))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(0) : sendAndDelete(connection, rows));
    }

    private Uni<Integer> sendAndDelete(SqlConnection connection, RowSet<Row> rows) {
        List<Long> ids = new ArrayList<>(rows.size());
        List<String> topics = new ArrayList<>(rows.size());
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            topics.add(row.getString("topic"));
            acks.add(send(row));
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .chain(() -> checkpoint.acknowledged(ids))
                .chain(() -> connection.preparedQuery("delete from outbox where id = any($1)")
                        .execute(Tuple.of(ids.toArray(Long[]::new))))
                .map(deleted -> {
                    topics.forEach(topic -> published(topic).increment());
                    return ids.size();
                });
    }

    /** {@code outbox_published_total{topic}}: events relayed to each topic. */
    private Counter published(String topic) {
        return publishedByTopic.computeIfAbsent(topic, t -> Counter.builder("outbox.published")
                .description("Events relayed from the outbox to Kafka, per topic").tag("topic", t).register(meters));
    }

    private CompletableFuture<Void> send(Row row) {
        SpecificRecordBase event = AvroEventCodec.decode(row.getString("event_type"), row.getBuffer("payload").getBytes());
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at");
        CompletableFuture<Void> ack = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("tenant_id"))
                .withHeaders(new RecordHeaders().add(EventHeaders.EVENT_TYPE,
                        event.getSchema().getFullName().getBytes(StandardCharsets.UTF_8)))
                .build();
        emitter.send(Message.of(event).addMetadata(metadata)
                .withAck(() -> {
                    publishLag.record(Duration.between(occurredAt.toInstant(), java.time.Instant.now()));
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }
}
