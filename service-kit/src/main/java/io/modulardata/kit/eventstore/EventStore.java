package io.modulardata.kit.eventstore;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.PlatformEvents;
import io.modulardata.kit.events.AvroEventCodec;
import io.modulardata.kit.events.EventMetadata;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The append-only event log of one service. Appends run in the caller's reactive transaction, so the
 * events, the read-model change and the outbox rows commit or roll back together. The unique key on
 * (aggregate_type, aggregate_id, aggregate_version) gives optimistic concurrency: two commands that
 * loaded the same version cannot both append.
 */
@ApplicationScoped
public class EventStore {

    private static final String APPEND = EventLogInsert.from("""
            values (cast(:eventId as uuid), :aggregateType, :aggregateId, cast(:aggregateVersion as bigint), :tenantId,
                    :eventType, cast(:occurredAt as timestamptz), :actor, :correlationId, cast(:payload as bytea), :topic)
            """);

    private static final String READ_PAGE = """
            select global_position, aggregate_type, event_type, payload from event_store
            where global_position > :after order by global_position limit :limit
            """;

    /**
     * Appends events of one aggregate inside the current transaction. The events must continue the
     * aggregate's history: versions {@code expectedVersion + 1, + 2, ...}.
     */
    public Uni<Void> append(String aggregateType, long expectedVersion, List<? extends SpecificRecordBase> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        long version = expectedVersion;
        for (SpecificRecordBase event : events) {
            version++;
            EventMetadata metadata = EventMetadata.of(event);
            if (metadata.aggregateVersion() != version) {
                throw new IllegalArgumentException("Event " + event.getSchema().getName() + " has version "
                        + metadata.aggregateVersion() + ", expected " + version);
            }
            chain = chain.chain(() -> insert(aggregateType, metadata, event));
        }
        return chain;
    }

    private Uni<Void> insert(String aggregateType, EventMetadata metadata, SpecificRecordBase event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(APPEND)
                .setParameter("eventId", metadata.eventId())
                .setParameter("aggregateType", aggregateType)
                .setParameter("aggregateId", metadata.aggregateId())
                .setParameter("aggregateVersion", metadata.aggregateVersion())
                .setParameter("tenantId", metadata.tenantId())
                .setParameter("eventType", event.getSchema().getFullName())
                .setParameter("occurredAt", OffsetDateTime.ofInstant(metadata.occurredAt(), ZoneOffset.UTC))
                .setParameter("actor", metadata.actor())
                .setParameter("correlationId", metadata.correlationId())
                .setParameter("payload", AvroEventCodec.encode(event))
                .setParameter("topic", PlatformEvents.topicOf(event.getClass()))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Reads the log in global order, one page at a time (for replays). */
    public Uni<List<StoredEvent>> readPage(long afterPosition, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(READ_PAGE, Object[].class)
                .setParameter("after", afterPosition)
                .setParameter("limit", limit)
                .getResultList())
                .map(rows -> rows.stream().map(EventStore::toStoredEvent).toList());
    }

    private static StoredEvent toStoredEvent(Object[] row) {
        return new StoredEvent(((Number) row[0]).longValue(), (String) row[1],
                AvroEventCodec.decode((String) row[2], (byte[]) row[3]));
    }
}
