-- Checkpoints form a chain of their own: each signs the hash of the checkpoint before it (SHA-256 of that
-- one's signed bytes; 64 zeros for a log's first), so deleting checkpoints breaks the next one's link.
-- Checkpoints signed before this migration keep null here and verify as they were signed; the first
-- checkpoint signed after it links to the latest of them (see README, audit-service).
alter table audit_checkpoint add column previous_checkpoint_hash text;
