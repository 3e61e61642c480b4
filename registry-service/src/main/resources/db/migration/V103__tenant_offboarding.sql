-- A tenant that left the platform (TenantOffboarded): null while it is a tenant. Its row stays, so that its id is
-- never registered again and its history keeps a name.
alter table tenant add column offboarded_at timestamptz;
