-- The runtime role (${runtime_role}; README "Database roles") projects events into the read models and
-- empties them for a rebuild; their structure is the owner's. A new table needs its grant here.
grant select, insert, update, delete on known_tenant, known_component, known_grant, registry_event_processed,
    deployment, deployment_phase to "${runtime_role}";
-- The command side's own table (not a read model): the deploy command writes it, the executor reads it.
grant select, insert on deployment_environment to "${runtime_role}";
