package io.modulardata.security.offboarding;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A tenant registry-service offboarded; its keys are destroyed (V102); only ever added. */
@Entity
@Table(name = "offboarded_tenant")
public class OffboardedTenantEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "offboarded_at")
    public Instant offboardedAt;

    @Column(name = "event_id")
    public String eventId;
}
