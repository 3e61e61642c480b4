-- Issue 15: with replicas, every instance's executor sees every unfinished rollout. A lease row per rollout
-- names the one instance that drives it until expires_at; the holder renews it every tick. Operational
-- state, not a read model: it is not rebuilt from the log and a rebuild leaves it alone.
create table rollout_lease (
    deployment_id text primary key,
    holder        text not null,
    expires_at    timestamptz not null
);
