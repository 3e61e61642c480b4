-- Issue 18: a tenant offboarded on registry-service (TenantOffboarded on registry-events) takes no more commands
-- here (410) and its namespace is deleted from the cluster. offboarded_at is projected from the event like the
-- rest of known_tenant (with the offboarding call's correlation id, which the removal's events carry);
-- removed_from_cluster_at is set by the rollout executor once the namespace was deleted
-- and the tenant's deployments recorded as removed (not projected: a rebuild of the registry knowledge clears
-- it and the idempotent removal runs once more). A tenant offboarded and not yet removed is pending: the
-- executor retries it every tick, also after a restart.
alter table known_tenant add column offboarded_at timestamptz;
alter table known_tenant add column offboarded_correlation_id text;
alter table known_tenant add column removed_from_cluster_at timestamptz;

create index known_tenant_removal_pending_idx on known_tenant (tenant_id)
    where offboarded_at is not null and removed_from_cluster_at is null;
