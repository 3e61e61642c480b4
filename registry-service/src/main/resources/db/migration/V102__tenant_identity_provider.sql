-- A tenant's own identity provider (TenantIdentityProviderChanged); both null: none. One issuer serves one tenant.
alter table tenant add column identity_provider_issuer text;
alter table tenant add column identity_provider_audience text;
create unique index tenant_identity_provider_issuer on tenant (rtrim(identity_provider_issuer, '/'))
    where identity_provider_issuer is not null;
