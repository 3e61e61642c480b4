package io.modulardata.security.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Read model of one key version (never its material). */
@Entity
@Table(name = "key_version")
public class KeyVersionEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "key_version")
    public int keyVersion;

    public String origin;

    @Column(name = "created_at")
    public Instant createdAt;

    public static String id(String tenantId, int keyVersion) {
        return tenantId + "/" + keyVersion;
    }
}
