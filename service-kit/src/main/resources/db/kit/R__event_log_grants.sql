-- What the service's runtime role (${runtime_role}; service-kit/README.md, "Database roles") may do with the event log and
-- the outbox: append and read events; add, read and delete outbox rows. It owns nothing here, so it cannot
-- alter, drop or truncate a table, nor drop or disable a trigger. Flyway runs this as the schema owner
-- after the versioned migrations, and again whenever this file or the runtime role changes.
grant select, insert on event_store to "${runtime_role}";
grant usage on sequence event_store_global_position_seq to "${runtime_role}";
grant select, insert, delete on outbox to "${runtime_role}";
grant usage on sequence outbox_id_seq to "${runtime_role}";

-- A read-model rebuild holds new commands back with a SHARE lock on event_store (ReadModels). PostgreSQL
-- gives that lock only to roles that may UPDATE, DELETE or TRUNCATE the table, so the owner lends it
-- through this procedure, which does nothing else. The lock lasts until the caller's transaction ends.
create or replace procedure lock_event_store_for_rebuild()
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
begin
    lock table public.event_store in share mode;
end;
$$;
revoke all on procedure lock_event_store_for_rebuild() from public;
grant execute on procedure lock_event_store_for_rebuild() to "${runtime_role}";
