-- Issue 11: what a tenant may run. The tier and configuration size each tenant namespace (ResourceQuota,
-- LimitRange, per-container maxima); a component version's declared images are the only ones it may run.
-- Rows learnt before these columns existed have no tier (counted as BASIC) and no images (not deployable)
-- until POST /admin/registry-knowledge/rebuild re-reads registry-events.

alter table known_tenant add column data_processing_tier text;
alter table known_tenant add column data_storage_quota_gb int;
-- JSON object of the tenant's customDataProcessingLimits, each value the JSON text the event carries
alter table known_tenant add column custom_data_processing_limits text not null default '{}';

-- comma-separated image references (registry-service refuses commas in them)
alter table known_component add column container_images text not null default '';
