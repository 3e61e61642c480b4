package io.modulardata.security.keys;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Read model of a tenant's key ring; {@code version} is the key-ring aggregate's version. */
@Entity
@Table(name = "key_ring")
public class KeyRingEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "primary_version")
    public int primaryVersion;

    @Column(name = "min_decryption_version")
    public int minDecryptionVersion;

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public KeyRing ring() {
        return new KeyRing(tenantId, primaryVersion, minDecryptionVersion);
    }
}
