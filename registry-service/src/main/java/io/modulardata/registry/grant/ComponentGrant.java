package io.modulardata.registry.grant;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Read model: a tenant may use a component version. */
@Entity
@Table(name = "component_grant")
@IdClass(ComponentGrant.Key.class)
public class ComponentGrant extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "component_key")
    public String componentKey;

    @Column(name = "granted_at")
    public Instant grantedAt;

    @Column(name = "granted_by")
    public String grantedBy;

    public static class Key implements Serializable {
        public String tenantId;
        public String componentKey;

        public Key() {
        }

        public Key(String tenantId, String componentKey) {
            this.tenantId = tenantId;
            this.componentKey = componentKey;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && tenantId.equals(key.tenantId) && componentKey.equals(key.componentKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, componentKey);
        }
    }
}
