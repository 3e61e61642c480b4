-- The audit log: one row per distinct platform event, in the order audit-service appended it.
-- hash = SHA-256(previous row's hash || canonical bytes of this row); see README "audit-service".
create table audit_entry (
    sequence          bigint      primary key,
    topic             text        collate "C" not null,
    kafka_partition   integer     not null,
    kafka_offset      bigint      not null,
    event_type        text        collate "C" not null,
    event_id          text        collate "C" not null,
    occurred_at       timestamptz not null,
    tenant_id         text        collate "C" not null,
    actor             text        collate "C" not null,
    correlation_id    text        collate "C" not null,
    aggregate_id      text        collate "C" not null,
    aggregate_version bigint      not null,
    payload           jsonb       not null,
    hash              text        not null,
    recorded_at       timestamptz not null default now()
);

-- Identifiers compare byte-wise (collate "C"): cheaper index maintenance, same order for ASCII ids.
-- A redelivered event (same eventId) is not appended twice.
create unique index audit_entry_event_id on audit_entry (event_id);
-- Newest-first pages, per tenant and across tenants; the cursor is (occurred_at, sequence).
create index audit_entry_tenant_time on audit_entry (tenant_id, occurred_at desc, sequence desc);
create index audit_entry_time on audit_entry (occurred_at desc, sequence desc);
create index audit_entry_aggregate on audit_entry (aggregate_id, occurred_at desc, sequence desc);
create index audit_entry_correlation on audit_entry (correlation_id);

-- Signed checkpoints: the chain head after `sequence` entries, signed with the service's Ed25519 key.
create table audit_checkpoint (
    sequence    bigint      primary key,
    head_hash   text        not null,
    entry_count bigint      not null,
    created_at  timestamptz not null,
    key_id      text        not null,
    signature   text        not null
);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only (% refused)', tg_table_name, tg_op;
end;
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_log_is_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_log_is_append_only();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function audit_log_is_append_only();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_log_is_append_only();
