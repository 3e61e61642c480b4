package io.modulardata.kit.command;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.avro.specific.SpecificRecordBase;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.modulardata.events.PlatformEvents;
import io.modulardata.kit.events.AvroEventCodec;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.eventstore.EventLogInsert;
import io.modulardata.kit.outbox.OutboxRelay;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.Problem;
import io.modulardata.kit.projection.Projection;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Audit before answer at high rates: records events from many concurrent requests with one multi-row
 * statement into event_store and outbox that commits atomically. Each caller's Uni completes only after
 * that commit; when it fails, every caller of the group fails (503) and must not answer with its result.
 *
 * <p>Group commit without a timer: while fewer than {@code maxInFlight} groups are being written, an
 * event is written at once; otherwise it waits and goes with the next group, which the finishing
 * write starts. So an idle service adds no delay and a busy one writes more events per round trip.
 *
 * <p>Only for the single event of a one-off aggregate (version 1, a fresh id such as {@code op-<uuid>}) that
 * no read model handles (checked): it needs nothing but the log and the outbox, and cannot collide with
 * another writer, which would fail the whole group. Everything else goes through {@link EventRecorder}.
 */
@ApplicationScoped
public class GroupCommitRecorder {

    /** Name of the distribution of events per statement (Prometheus: group_commit_events). */
    public static final String GROUP_SIZES = "group.commit.events";

    private static final String APPEND = EventLogInsert.from("""
            select * from unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[],
                                 $7::timestamptz[], $8::text[], $9::text[], $10::bytea[], $11::text[])
            """);

    private final Pool pool;
    private final OutboxRelay relay;
    private final List<Projection> projections;
    private final GroupCommitConfig config;
    private final DistributionSummary groupSizes;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int writing;

    public GroupCommitRecorder(Pool pool, OutboxRelay relay, Instance<Projection> projections, GroupCommitConfig config,
            MeterRegistry meters) {
        this.pool = pool;
        this.relay = relay;
        this.projections = projections.stream().toList();
        this.config = config;
        this.groupSizes = DistributionSummary.builder(GROUP_SIZES)
                .description("Events committed by one statement").publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Completes once the event (stamped version 1) is committed to event_store and outbox; fails (503 problem) if it was not. */
    public Uni<Void> record(String aggregateType, SpecificRecordBase event) {
        EventMetadata metadata = EventMetadata.of(EventMetadata.stampVersion(event, 1));
        refuseEventsOfReadModels(event);
        Row row = new Row(aggregateType, metadata, event.getSchema().getFullName(), PlatformEvents.topicOf(event.getClass()),
                AvroEventCodec.encode(event));
        return Uni.createFrom().emitter(emitter -> enqueue(new Pending(row, emitter, Vertx.currentContext())));
    }

    private void refuseEventsOfReadModels(SpecificRecordBase event) {
        for (Projection projection : projections) {
            if (projection.handles(event)) {
                throw new IllegalArgumentException("A read model handles " + event.getSchema().getName()
                        + ": record it with EventRecorder in the command's transaction");
            }
        }
    }

    private void enqueue(Pending pending) {
        List<Pending> group = null;
        synchronized (queue) {
            queue.add(pending);
            if (writing < config.maxInFlight()) {
                writing++;
                group = drain();
            }
        }
        if (group != null) {
            write(group);
        }
    }

    /** Caller holds the lock. */
    private List<Pending> drain() {
        List<Pending> group = new ArrayList<>(Math.min(queue.size(), config.maxEvents()));
        while (!queue.isEmpty() && group.size() < config.maxEvents()) {
            group.add(queue.poll());
        }
        return group;
    }

    private void write(List<Pending> group) {
        groupSizes.record(group.size());
        Uni<?> insert;
        try {
            insert = pool.preparedQuery(APPEND).execute(parameters(group));
        } catch (RuntimeException e) {
            insert = Uni.createFrom().failure(e);
        }
        insert.subscribe().with(rows -> written(group, null), failure -> written(group, failure));
    }

    private void written(List<Pending> group, Throwable failure) {
        if (failure == null) {
            relay.wakeUp();
            group.forEach(Pending::succeed);
        } else {
            Log.errorf("Could not record %d events, failing their requests: %s", group.size(), failure.toString());
            ApiProblemException unavailable = new ApiProblemException(Problem.of(503, "audit-unavailable",
                    "Audit log unavailable", "The operation could not be recorded in the audit log and was not performed"));
            group.forEach(pending -> pending.fail(unavailable));
        }
        List<Pending> next = null;
        synchronized (queue) {
            if (queue.isEmpty()) {
                writing--;
            } else {
                next = drain();
            }
        }
        if (next != null) {
            write(next);
        }
    }

    private static Tuple parameters(List<Pending> group) {
        int n = group.size();
        UUID[] eventIds = new UUID[n];
        String[] aggregateTypes = new String[n];
        String[] aggregateIds = new String[n];
        Long[] versions = new Long[n];
        String[] tenants = new String[n];
        String[] eventTypes = new String[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n];
        String[] actors = new String[n];
        String[] correlations = new String[n];
        Buffer[] payloads = new Buffer[n];
        String[] topics = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = group.get(i).row();
            EventMetadata metadata = row.metadata();
            eventIds[i] = metadata.eventId();
            aggregateTypes[i] = row.aggregateType();
            aggregateIds[i] = metadata.aggregateId();
            versions[i] = metadata.aggregateVersion();
            tenants[i] = metadata.tenantId();
            eventTypes[i] = row.eventType();
            occurredAt[i] = OffsetDateTime.ofInstant(metadata.occurredAt(), ZoneOffset.UTC);
            actors[i] = metadata.actor();
            correlations[i] = metadata.correlationId();
            payloads[i] = Buffer.buffer(row.payload());
            topics[i] = row.topic();
        }
        return Tuple.tuple(List.<Object>of(eventIds, aggregateTypes, aggregateIds, versions, tenants, eventTypes, occurredAt,
                actors, correlations, payloads, topics));
    }

    /** One event as it is written: the event_store columns and its topic. */
    private record Row(String aggregateType, EventMetadata metadata, String eventType, String topic, byte[] payload) {
    }

    /** One caller's event, and where to resume it: on its own Vert.x context, where its request runs. */
    private record Pending(Row row, UniEmitter<? super Void> emitter, Context context) {

        void succeed() {
            resume(() -> emitter.complete(null));
        }

        void fail(Throwable failure) {
            resume(() -> emitter.fail(failure));
        }

        private void resume(Runnable action) {
            if (context == null) {
                action.run();
            } else {
                context.runOnContext(ignored -> action.run());
            }
        }
    }
}
