-- Read models of security-service, projected from its event log (see db/kit), plus the key vault.

create table key_ring (
    tenant_id              text primary key,
    primary_version        int         not null,
    min_decryption_version int         not null,
    version                bigint      not null,
    updated_at             timestamptz not null
);

create table key_version (
    id          text primary key,  -- tenantId/keyVersion
    tenant_id   text        not null,
    key_version int         not null,
    origin      text        not null,  -- derived | imported
    created_at  timestamptz not null
);

-- Not a read model: the tenant keys, each only as AES-256-GCM under the master key (bound to tenant and
-- version). Written in the same transaction as the event that adds the version; never updated, never
-- emptied by a read-model rebuild (events never carry key material, so they could not restore it).
create table key_material (
    id          text primary key,  -- tenantId/keyVersion
    wrapped_key bytea       not null,
    created_at  timestamptz not null default now()
);

create trigger key_material_append_only
    before update or delete on key_material
    for each row execute function event_store_is_append_only();

create table compliance_configuration (
    id         text primary key,  -- tenantId/framework
    tenant_id  text        not null,
    framework  text        not null,
    settings   text        not null,  -- JSON object of the effective settings
    version    bigint      not null,
    updated_at timestamptz not null
);

create table security_policy (
    policy_name text primary key,
    document    text        not null,  -- JSON of the whole policy
    version     bigint      not null,
    updated_at  timestamptz not null
);
