-- Data keys of data subjects (crypto-shredding, see README "Erasure"). Unlike key_material this table is NOT
-- append-only: erasing a subject deletes its rows, and deleting them is the erasure (every payload and event
-- field sealed under the key becomes unreadable). An append-only trigger would make erasure impossible.

create table subject_key (
    key_id             text primary key,  -- random; carried in the payload envelope; says nothing about the subject
    tenant_id          text        not null,
    subject_ref        text        not null,  -- keyed pseudonym (HMAC) of the subject id, never the id itself
    tenant_key_version int         not null,  -- the tenant key version that wraps it
    wrapped_key        bytea       not null,  -- AES-256-GCM under a key derived from that tenant key
    created_at         timestamptz not null default now(),
    unique (tenant_id, subject_ref)
);

-- What erasure leaves behind: the ids of destroyed keys (random, no key material, no subject id), so that a
-- payload of an erased subject answers 410 key-shredded rather than a generic invalid token. Only ever added.
create table shredded_subject_key (
    key_id      text primary key,
    tenant_id   text        not null,
    subject_ref text        not null,
    erased_at   timestamptz not null
);

create trigger shredded_subject_key_append_only
    before update or delete on shredded_subject_key
    for each row execute function event_store_is_append_only();
