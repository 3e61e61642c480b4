-- Read models of registry-service, projected from its event log (see db/kit).
-- They can be dropped and rebuilt from the log at any time (POST /admin/read-models/rebuild).

create table tenant (
    tenant_id                     text primary key,
    tenant_name                   text        not null,
    data_processing_tier          text        not null,
    max_concurrent_jobs           int         not null,
    max_monthly_processing_hours  int,
    allowed_data_environments     text[]      not null,
    data_storage_quota_gb         int,
    custom_data_processing_limits text        not null,
    version                       bigint      not null,
    registered_at                 timestamptz not null,
    updated_at                    timestamptz not null
);

create table component_version (
    component_key                text primary key,
    component_id                 text        not null,
    component_version            text        not null,
    component_name               text        not null,
    component_hash               text        not null,
    data_processing_capabilities text[]      not null,
    supported_data_formats       text[]      not null,
    resource_requirements        text        not null,
    security_clearance_level     text        not null,
    compliance_certifications    text[]      not null,
    dependencies                 text[]      not null,
    data_lineage_tracking        boolean     not null,
    status                       text        not null,
    version                      bigint      not null,
    registered_at                timestamptz not null,
    updated_at                   timestamptz not null,
    constraint component_version_id_version_uk unique (component_id, component_version)
);

create table component_grant (
    tenant_id     text        not null,
    component_key text        not null,
    granted_at    timestamptz not null,
    granted_by    text        not null,
    primary key (tenant_id, component_key)
);

create index component_grant_component_idx on component_grant (component_key);
