package io.modulardata.security.compliance;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Read model of one tenant's settings for one framework; {@code version} is the compliance aggregate's. */
@Entity
@Table(name = "compliance_configuration")
public class ComplianceConfiguration extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id")
    public String tenantId;

    public String framework;

    /** JSON object of the effective settings. */
    public String settings;

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Aggregate id: {@code tenantId/framework}. */
    public static String id(String tenantId, ComplianceFramework framework) {
        return tenantId + "/" + framework.name();
    }
}
