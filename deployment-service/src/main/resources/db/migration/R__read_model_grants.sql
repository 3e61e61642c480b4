-- The runtime role (${runtime_role}; README "Database roles") projects events into the read models and
-- empties them for a rebuild; their structure is the owner's. A new table needs its grant here.
grant select, insert, update, delete on known_tenant, known_component, known_grant, registry_event_processed,
    deployment, deployment_phase to "${runtime_role}";
-- deployment_environment is command-side (V103): written once with the request, read by the executor.
grant select, insert on deployment_environment to "${runtime_role}";
-- rollout_lease is operational (V110): each instance takes, renews and gives up its rollouts' leases.
grant select, insert, update, delete on rollout_lease to "${runtime_role}";
