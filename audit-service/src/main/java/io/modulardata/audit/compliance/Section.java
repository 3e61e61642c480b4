package io.modulardata.audit.compliance;

/** A part of a compliance report; its JSON name is {@link #key}. */
public enum Section {
    ACCESS_GRANTS("accessGrants", "Access grants and revocations"),
    LIFECYCLE_CHANGES("lifecycleChanges", "Lifecycle changes of the tenant's granted components"),
    DEPLOYMENTS("deployments", "Deployments per environment with outcome"),
    ENCRYPTION_OPERATIONS("encryptionOperations", "Encryption, decryption and re-encryption (rewrap) operations"),
    COMPLIANCE_CONFIGURATION_CHANGES("complianceConfigurationChanges", "Compliance configuration changes"),
    DATA_RETENTION_AND_SUBJECTS("dataRetentionAndSubjects", "Retention and data-subject settings"),
    POLICY_CHANGES("policyChanges", "Policy changes"),
    TENANT_CONFIGURATION_CHANGES("tenantConfigurationChanges", "Tenant registration and configuration changes");

    private final String key;
    private final String title;

    Section(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }
}
