-- The append-only event log of a service, and the outbox its relay publishes to Kafka.
-- Services keep their own migrations in db/migration, numbered from V100.

create table event_store (
    global_position   bigserial primary key,
    event_id          uuid        not null,
    aggregate_type    text        not null,
    aggregate_id      text        not null,
    aggregate_version bigint      not null,
    tenant_id         text        not null,
    event_type        text        not null,
    occurred_at       timestamptz not null,
    actor             text        not null,
    correlation_id    text        not null,
    payload           bytea       not null,
    recorded_at       timestamptz not null default now(),
    constraint event_store_event_id_uk unique (event_id),
    constraint event_store_aggregate_version_uk unique (aggregate_type, aggregate_id, aggregate_version)
);

create index event_store_tenant_idx on event_store (tenant_id, global_position);

-- History is never rewritten: the log refuses UPDATE and DELETE.
create function event_store_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'event_store is append-only (% refused)', tg_op;
end;
$$;

create trigger event_store_append_only
    before update or delete on event_store
    for each row execute function event_store_is_append_only();

create trigger event_store_no_truncate
    before truncate on event_store
    for each statement execute function event_store_is_append_only();

create table outbox (
    id             bigserial primary key,
    event_position bigint      not null references event_store (global_position),
    topic          text        not null,
    created_at     timestamptz not null default now()
);
