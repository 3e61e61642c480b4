-- What deployment-service knows of tenants, component versions and grants, projected from the
-- registry-events topic (never by calling registry-service). Each consumed event is applied once:
-- its eventId goes into registry_event_processed in the same transaction as the change.

create table known_tenant (
    tenant_id                 text primary key,
    max_concurrent_jobs       int         not null,
    -- comma-separated DataEnvironment names
    allowed_data_environments text        not null,
    aggregate_version         bigint      not null,
    updated_at                timestamptz not null
);

create table known_component (
    component_key     text primary key,
    component_id      text        not null,
    component_version text        not null,
    status            text        not null,
    updated_at        timestamptz not null
);

create table known_grant (
    tenant_id     text        not null,
    component_key text        not null,
    granted_at    timestamptz not null,
    primary key (tenant_id, component_key)
);

create table registry_event_processed (
    event_id     uuid primary key,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);
