package io.modulardata.security.subjects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A data subject's key, stored only wrapped under a tenant key version; deleted by the subject's erasure (V101). */
@Entity
@Table(name = "subject_key")
public class SubjectKeyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "key_id")
    public String keyId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "subject_ref")
    public String subjectRef;

    @Column(name = "tenant_key_version")
    public int tenantKeyVersion;

    @Column(name = "wrapped_key")
    public byte[] wrappedKey;
}
