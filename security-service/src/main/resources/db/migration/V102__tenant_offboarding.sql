-- Offboarding (see README "Erasure"): when registry-service offboards a tenant, every key of the tenant is
-- destroyed. offboarded_tenant says which tenants left; only ever added.
create table offboarded_tenant (
    tenant_id     text primary key,
    offboarded_at timestamptz not null,
    event_id      text        not null  -- the TenantOffboarded event that caused it
);

create trigger offboarded_tenant_append_only
    before update or delete on offboarded_tenant
    for each row execute function event_store_is_append_only();

-- key_material stays append-only, with one exception: the rows of an offboarded tenant may be deleted (that
-- is the shredding). An update is always refused.
create function key_material_deletes_only_offboarded() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and exists (select 1 from offboarded_tenant where tenant_id = split_part(old.id, '/', 1)) then
        return old;
    end if;
    raise exception 'key_material is append-only: % refused (a key row is deleted only when its tenant is offboarded)', tg_op;
end;
$$;

drop trigger key_material_append_only on key_material;

create trigger key_material_append_only
    before update or delete on key_material
    for each row execute function key_material_deletes_only_offboarded();

-- No key is ever made again for a tenant that left, whatever path tries.
create function key_material_not_for_offboarded() returns trigger language plpgsql as $$
begin
    if exists (select 1 from offboarded_tenant where tenant_id = split_part(new.id, '/', 1)) then
        raise exception 'tenant % is offboarded: no key is stored for it', split_part(new.id, '/', 1);
    end if;
    return new;
end;
$$;

create trigger key_material_not_for_offboarded
    before insert on key_material
    for each row execute function key_material_not_for_offboarded();

create function subject_key_not_for_offboarded() returns trigger language plpgsql as $$
begin
    if exists (select 1 from offboarded_tenant where tenant_id = new.tenant_id) then
        raise exception 'tenant % is offboarded: no key is stored for it', new.tenant_id;
    end if;
    return new;
end;
$$;

create trigger subject_key_not_for_offboarded
    before insert on subject_key
    for each row execute function subject_key_not_for_offboarded();
