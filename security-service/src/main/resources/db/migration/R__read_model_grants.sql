-- The runtime role (${runtime_role}; service-kit/README.md, "Database roles") projects events into the read models and
-- empties them for a rebuild; their structure is the owner's. A new table needs its grant here.
grant select, insert, update, delete on key_ring, key_version, compliance_configuration, security_policy
    to "${runtime_role}";
-- Wrapped tenant keys are only ever added: a rebuild keeps them, and nothing changes one. The one delete is the
-- shredding of an offboarded tenant's rows (V102: the trigger refuses any other row); truncate is never granted.
grant select, insert, delete on key_material to "${runtime_role}";
-- Offboarded tenants are only ever added.
grant select, insert on offboarded_tenant to "${runtime_role}";
-- Subject keys are added on a subject's first encryption and deleted by its erasure (never changed);
-- the ids of destroyed keys are only ever added.
grant select, insert, delete on subject_key to "${runtime_role}";
grant select, insert on shredded_subject_key to "${runtime_role}";
