package io.modulardata.security.policy;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Read model of a policy: its whole document as JSON; {@code version} is the policy aggregate's. */
@Entity
@Table(name = "security_policy")
public class PolicyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "policy_name")
    public String policyName;

    public String document;

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
