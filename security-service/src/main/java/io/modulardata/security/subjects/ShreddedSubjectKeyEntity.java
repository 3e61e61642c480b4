package io.modulardata.security.subjects;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The id of a destroyed subject key: no key material, no subject id (V101); only ever added. */
@Entity
@Table(name = "shredded_subject_key")
public class ShreddedSubjectKeyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "key_id")
    public String keyId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "subject_ref")
    public String subjectRef;

    @Column(name = "erased_at")
    public Instant erasedAt;

    /** The tombstone of a key about to be destroyed. */
    static ShreddedSubjectKeyEntity of(SubjectKeyEntity row, Instant at) {
        ShreddedSubjectKeyEntity tombstone = new ShreddedSubjectKeyEntity();
        tombstone.keyId = row.keyId;
        tombstone.tenantId = row.tenantId;
        tombstone.subjectRef = row.subjectRef;
        tombstone.erasedAt = at;
        return tombstone;
    }
}
