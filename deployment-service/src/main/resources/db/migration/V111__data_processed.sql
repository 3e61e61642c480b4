-- Issue 12: the data a deployment's component reported processing (DataProcessingReported events), summed
-- per deployment; GET /tenants/{t}/metrics adds it up per tenant as dataProcessedGb (the original platform's
-- data_processed_gb). Rows written before this column count 0 until the read models are rebuilt.
alter table deployment add column data_processed_gb double precision not null default 0;
