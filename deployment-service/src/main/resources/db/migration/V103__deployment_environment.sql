-- The environment variables of each deployment request. Written in the transaction that records
-- DeploymentRequested, which carries only the variables' names (and whether each is a secret reference):
-- values must not reach the event log, Kafka or the audit log. This table is part of the command side,
-- like event_store, not a read model: rebuilding the read models neither clears nor rebuilds it.
-- The rollout executor reads it to render the Deployment, also when it resumes a rollout after a crash.

create table deployment_environment (
    deployment_id text not null,
    name          text not null,
    -- exactly one of: a literal value, or a key of a Secret in the tenant namespace
    literal_value text,
    secret_name   text,
    secret_key    text,
    primary key (deployment_id, name),
    constraint deployment_environment_one_source check ((literal_value is null) <> (secret_name is null and secret_key is null))
);
