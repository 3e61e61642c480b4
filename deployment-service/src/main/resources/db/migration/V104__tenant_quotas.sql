-- Issue 12: the tenant's quotas are checked by the deploy command. maxMonthlyProcessingHours comes from
-- registry-events like the other limits (null = unlimited); each deployment's requested storageGb is kept
-- so the command can sum what the tenant's live and in-progress deployments hold. Rows written before this
-- column count 0 GB until the read models are rebuilt from the event log.

alter table known_tenant add column max_monthly_processing_hours int;

alter table deployment add column storage_gb double precision not null default 0;
