package io.modulardata.registry.component;

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

import io.modulardata.events.ComponentStatus;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Read model of one registered component version. {@code version} is its aggregate version. */
@Entity
@Table(name = "component_version")
public class ComponentVersion extends PanacheEntityBase {

    @Id
    @Column(name = "component_key")
    public String componentKey;

    @Column(name = "component_id")
    public String componentId;

    @Column(name = "component_version")
    public String componentVersion;

    @Column(name = "component_name")
    public String componentName;

    @Column(name = "component_hash")
    public String componentHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "data_processing_capabilities")
    public List<String> dataProcessingCapabilities;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "supported_data_formats")
    public List<String> supportedDataFormats;

    /** JSON object text. */
    @Column(name = "resource_requirements")
    public String resourceRequirements;

    @Enumerated(EnumType.STRING)
    @Column(name = "security_clearance_level")
    public ClearanceLevel securityClearanceLevel;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "compliance_certifications")
    public List<String> complianceCertifications;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "dependencies")
    public List<String> dependencies;

    @Column(name = "data_lineage_tracking")
    public boolean dataLineageTracking;

    @Enumerated(EnumType.STRING)
    public ComponentStatus status;

    /** The images a deployment of this version may run; empty for versions registered before they were declared. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "container_images")
    public List<String> containerImages;

    public long version;

    @Column(name = "registered_at")
    public Instant registeredAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
