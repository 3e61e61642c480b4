package io.modulardata.security.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A tenant key, stored only wrapped under the master key (see V100 migration). */
@Entity
@Table(name = "key_material")
public class KeyMaterialEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "wrapped_key")
    public byte[] wrappedKey;
}
