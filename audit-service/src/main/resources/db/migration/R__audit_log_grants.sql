-- The audit log is append-only for the runtime role (${runtime_role}; README "Database roles") too: it
-- appends entries (COPY) and checkpoints and reads them, and may not change, delete or truncate a row,
-- nor alter a table or its triggers. A new table needs its grant here.
grant select, insert on audit_entry, audit_checkpoint to "${runtime_role}";
