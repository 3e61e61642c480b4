package io.modulardata.kit.eventstore;

/**
 * The one statement that appends events to event_store and queues each in outbox for its topic, in one
 * atomic step. Where its rows come from is the only part that differs between the callers:
 * {@link EventStore} appends one event with named parameters in a command's Hibernate transaction;
 * {@link io.modulardata.kit.command.GroupCommitRecorder} appends many with positional arrays on the pool.
 */
public final class EventLogInsert {

    private EventLogInsert() {
    }

    /**
     * The statement over {@code rows}: a query yielding, in this order, event_id (uuid), aggregate_type,
     * aggregate_id, aggregate_version (bigint), tenant_id, event_type, occurred_at (timestamptz), actor,
     * correlation_id, payload (bytea) and the topic the relay publishes the event on.
     */
    public static String from(String rows) {
        return """
                with event_row (event_id, aggregate_type, aggregate_id, aggregate_version, tenant_id, event_type,
                                occurred_at, actor, correlation_id, payload, topic) as (%s),
                appended as (
                    insert into event_store (event_id, aggregate_type, aggregate_id, aggregate_version, tenant_id,
                                             event_type, occurred_at, actor, correlation_id, payload)
                    select event_id, aggregate_type, aggregate_id, aggregate_version, tenant_id, event_type, occurred_at,
                           actor, correlation_id, payload
                    from event_row
                    returning global_position, event_id)
                insert into outbox (event_position, topic)
                select appended.global_position, event_row.topic from appended join event_row using (event_id)
                order by appended.global_position
                """.formatted(rows);
    }
}
