package io.modulardata.registry.component;

import io.modulardata.events.ComponentRegistered;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.ComponentStatusChanged;
import io.modulardata.kit.events.EventMetadata;

/** Builds the events of component commands; plain domain logic, no I/O. */
public final class ComponentEvents {

    /** Each component version is its own aggregate, keyed by its component key. */
    public static final String AGGREGATE_TYPE = "component-version";

    private ComponentEvents() {
    }

    public static ComponentRegistered registered(ComponentDefinition definition, EventMetadata metadata) {
        ComponentRegistered event = new ComponentRegistered();
        event.setComponentId(definition.componentId());
        event.setComponentName(definition.componentName());
        event.setComponentVersion(definition.componentVersion());
        event.setComponentKey(definition.componentKey());
        event.setComponentHash(definition.componentHash());
        event.setDataProcessingCapabilities(CatalogueTerms.canonical(definition.dataProcessingCapabilities()));
        event.setSupportedDataFormats(CatalogueTerms.canonical(definition.supportedDataFormats()));
        event.setResourceRequirements(definition.resourceRequirements());
        event.setSecurityClearanceLevel(definition.securityClearanceLevel().toEvent());
        event.setComplianceCertifications(definition.complianceCertifications());
        event.setDependencies(definition.dependencies().stream().map(Dependency::toString).toList());
        event.setDataLineageTracking(definition.dataLineageTracking());
        event.setStatus(ComponentStatus.ACTIVE);
        event.setContainerImages(definition.containerImages());
        return metadata.stamp(event);
    }

    public static ComponentStatusChanged statusChanged(ComponentVersion component, ComponentStatus newStatus,
            EventMetadata metadata) {
        ComponentLifecycle.requireForward(component.status, newStatus);
        ComponentStatusChanged event = new ComponentStatusChanged();
        event.setComponentId(component.componentId);
        event.setComponentVersion(component.componentVersion);
        event.setComponentKey(component.componentKey);
        event.setPreviousStatus(component.status);
        event.setNewStatus(newStatus);
        return metadata.stamp(event);
    }
}
