#!/bin/sh
# Runs service-roles.sql in each service's database, as the superuser, as infra/platform up does locally.
# The passwords are read by psql itself from the mounted Secrets, so they never appear in a command line.
set -eu
for db in registry deployment security audit; do
    until psql -d "$db" -c 'select 1' >/dev/null 2>&1; do
        echo "waiting for database $db"
        sleep 5
    done
    psql -v ON_ERROR_STOP=1 -d "$db" -v db="$db" <<'SQL'
\set owner_password `cat /secrets/:db-db-owner/password`
\set runtime_password `cat /secrets/:db-db-runtime/password`
select set_config('mdp.owner_role', :'db' || '_owner', false),
       set_config('mdp.runtime_role', :'db' || '_runtime', false),
       set_config('mdp.owner_password', :'owner_password', false),
       set_config('mdp.runtime_password', :'runtime_password', false) \g /dev/null
\i /sql/service-roles.sql
SQL
    echo "roles of $db in place"
done
