package io.modulardata.registry.component;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.ComponentRegistered;
import io.modulardata.events.ComponentStatusChanged;
import io.modulardata.kit.json.JsonMaps;
import io.modulardata.kit.projection.Projection;
import io.smallrye.mutiny.Uni;

/** Projects component registrations and lifecycle changes onto the component_version table. */
@ApplicationScoped
public class ComponentProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof ComponentRegistered || event instanceof ComponentStatusChanged;
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase event) {
        if (event instanceof ComponentRegistered registered) {
            ComponentVersion component = new ComponentVersion();
            component.componentKey = registered.getComponentKey();
            component.componentId = registered.getComponentId();
            component.componentVersion = registered.getComponentVersion();
            component.componentName = registered.getComponentName();
            component.componentHash = registered.getComponentHash();
            // Events recorded before capabilities and formats were lowercased may hold any letter case.
            component.dataProcessingCapabilities = CatalogueTerms.canonical(registered.getDataProcessingCapabilities());
            component.supportedDataFormats = CatalogueTerms.canonical(registered.getSupportedDataFormats());
            component.resourceRequirements = JsonMaps.toObjectText(registered.getResourceRequirements());
            component.securityClearanceLevel = ClearanceLevel.of(registered.getSecurityClearanceLevel());
            component.complianceCertifications = registered.getComplianceCertifications();
            component.dependencies = registered.getDependencies();
            component.dataLineageTracking = registered.getDataLineageTracking();
            component.status = registered.getStatus();
            component.containerImages = registered.getContainerImages();
            component.version = registered.getAggregateVersion();
            component.registeredAt = registered.getOccurredAt();
            component.updatedAt = registered.getOccurredAt();
            return component.persist().replaceWithVoid();
        }
        ComponentStatusChanged changed = (ComponentStatusChanged) event;
        return ComponentVersion.<ComponentVersion>findById(changed.getComponentKey()).invoke(component -> {
            component.status = changed.getNewStatus();
            component.version = changed.getAggregateVersion();
            component.updatedAt = changed.getOccurredAt();
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> reset() {
        return ComponentVersion.delete("from ComponentVersion").replaceWithVoid();
    }
}
