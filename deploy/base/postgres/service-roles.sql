-- The two roles of one service's database (README.md, "Database roles"). Run it connected to that
-- database, after CREATE DATABASE, as a superuser: infra/platform up does so for its own PostgreSQL, and
-- a Kubernetes job or an operator can do the same with psql:
--
--   psql -d registry -v ON_ERROR_STOP=1 \
--        -c "set mdp.owner_role = 'registry_owner'"     -c "set mdp.owner_password = '...'" \
--        -c "set mdp.runtime_role = 'registry_runtime'" -c "set mdp.runtime_password = '...'" \
--        -f service-roles.sql
--
-- The owner role owns the schema and everything in it; only Flyway logs in as it, at start-up. The runtime
-- role is what the service's connection pools log in as: it owns nothing, may create nothing, and gets on
-- each table only what the service's migrations grant it (db/kit and db/migration, R__*_grants.sql).
-- Running it again is harmless: it creates what is missing and resets the roles and their rights on the
-- database and its schema.
do $roles$
declare
    owner_role   text := current_setting('mdp.owner_role');
    runtime_role text := current_setting('mdp.runtime_role');
    service_role text;
    owner_oid    oid;
    object       record;
begin
    if owner_role = runtime_role then
        raise exception 'the owner role and the runtime role must differ (both are %)', owner_role;
    end if;
    foreach service_role in array array[owner_role, runtime_role] loop
        if exists (select from pg_roles where rolname = service_role
                and (rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls)) then
            raise exception 'refusing to use % as a service role: it has administrative rights', service_role;
        end if;
        if not exists (select from pg_roles where rolname = service_role) then
            execute format('create role %I', service_role);
        end if;
    end loop;
    execute format('alter role %I login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password %L',
            owner_role, current_setting('mdp.owner_password'));
    execute format('alter role %I login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password %L',
            runtime_role, current_setting('mdp.runtime_password'));
    select oid into owner_oid from pg_roles where rolname = owner_role;

    -- Only the two roles may connect; only the owner may create objects, temporary ones included.
    execute format('alter database %I owner to %I', current_database(), owner_role);
    execute format('revoke all on database %I from public', current_database());
    execute format('grant connect on database %I to %I', current_database(), runtime_role);
    execute format('alter schema public owner to %I', owner_role);
    revoke all on schema public from public;
    execute format('grant usage on schema public to %I', runtime_role);

    -- Objects made before the database had these roles (Flyway run as the superuser) pass to the owner.
    -- Sequences that belong to a column move with their table.
    for object in select c.oid::regclass as name from pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
              and c.relowner <> owner_oid
              and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                              and d.deptype in ('a', 'i'))
    loop
        execute format('alter table %s owner to %I', object.name, owner_role);
    end loop;
    for object in select p.oid::regprocedure as name from pg_proc p
            where p.pronamespace = 'public'::regnamespace and p.proowner <> owner_oid
    loop
        execute format('alter routine %s owner to %I', object.name, owner_role);
    end loop;
end
$roles$;
