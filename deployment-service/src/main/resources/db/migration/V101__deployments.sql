-- Read model of deployments, projected from this service's own event log (db/kit event_store).

create table deployment (
    deployment_id          text primary key,
    tenant_id              text        not null,
    component_id           text        not null,
    component_version      text        not null,
    component_key          text        not null,
    environment            text        not null,
    container_name         text        not null,
    target_slot            text        not null,
    previous_deployment_id text,
    status                 text        not null,
    -- whether this deployment's slot serves the component's traffic now
    live                   boolean     not null default false,
    warnings               text        not null default '',
    error                  text,
    version                bigint      not null,
    requested_at           timestamptz not null,
    updated_at             timestamptz not null,
    finished_at            timestamptz,
    -- when this deployment's slot started and stopped serving (traffic switch, replacement or rollback)
    live_since             timestamptz,
    live_until             timestamptz,
    -- set by the rollout executor once a failed or rolled-back rollout's cluster objects were put back
    -- (not projected from events: a rebuild clears it and the idempotent compensation runs again)
    compensated            boolean     not null default false
);

create index deployment_tenant_idx on deployment (tenant_id, requested_at);

-- One rollout per tenant and component at a time: a second insert loses (and is answered 409).
create unique index deployment_one_rollout_uk on deployment (tenant_id, component_id)
    where status in ('REQUESTED', 'DEPLOYING');

create table deployment_phase (
    deployment_id text        not null references deployment (deployment_id),
    phase         text        not null,
    slot          text        not null,
    completed_at  timestamptz not null,
    primary key (deployment_id, phase)
);
