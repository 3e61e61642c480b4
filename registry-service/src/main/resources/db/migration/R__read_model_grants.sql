-- The runtime role (${runtime_role}; README "Database roles") projects events into the read models and
-- empties them for a rebuild; their structure is the owner's. A new table needs its grant here.
grant select, insert, update, delete on tenant, component_version, component_grant to "${runtime_role}";
