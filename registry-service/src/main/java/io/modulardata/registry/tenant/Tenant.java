package io.modulardata.registry.tenant;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.kit.json.JsonMaps;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Read model of a tenant, projected from its events. {@code version} is the tenant aggregate's version. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "tenant_name")
    public String tenantName;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_processing_tier")
    public DataProcessingTier dataProcessingTier;

    @Column(name = "max_concurrent_jobs")
    public int maxConcurrentJobs;

    @Column(name = "max_monthly_processing_hours")
    public Integer maxMonthlyProcessingHours;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "allowed_data_environments")
    public List<String> allowedDataEnvironments;

    @Column(name = "data_storage_quota_gb")
    public Integer dataStorageQuotaGb;

    /** JSON object text. */
    @Column(name = "custom_data_processing_limits")
    public String customDataProcessingLimits;

    /** The tenant's own identity provider; both null: none. */
    @Column(name = "identity_provider_issuer")
    public String identityProviderIssuer;

    @Column(name = "identity_provider_audience")
    public String identityProviderAudience;

    public long version;

    @Column(name = "registered_at")
    public Instant registeredAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When the tenant left the platform (TenantOffboarded); null while it is a tenant. */
    @Column(name = "offboarded_at")
    public Instant offboardedAt;

    public boolean offboarded() {
        return offboardedAt != null;
    }

    public TenantConfiguration configuration() {
        return new TenantConfiguration(tenantName, dataProcessingTier, maxConcurrentJobs, maxMonthlyProcessingHours,
                allowedDataEnvironments.stream().map(DataEnvironment::valueOf).toList(), dataStorageQuotaGb,
                JsonMaps.fromObjectText(customDataProcessingLimits));
    }

    /** The tenant's own identity provider, or null. */
    public IdentityProvider identityProvider() {
        return identityProviderIssuer == null ? null : new IdentityProvider(identityProviderIssuer, identityProviderAudience);
    }

    void configure(TenantConfiguration configuration) {
        tenantName = configuration.tenantName();
        dataProcessingTier = configuration.dataProcessingTier();
        maxConcurrentJobs = configuration.maxConcurrentJobs();
        maxMonthlyProcessingHours = configuration.maxMonthlyProcessingHours();
        allowedDataEnvironments = configuration.allowedDataEnvironments().stream().map(Enum::name).toList();
        dataStorageQuotaGb = configuration.dataStorageQuotaGb();
        customDataProcessingLimits = JsonMaps.toObjectText(configuration.customDataProcessingLimits());
    }
}
