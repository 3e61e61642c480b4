package io.modulardata.deployment.tenancy;

import io.modulardata.events.ComponentStatus;

/** What deployment-service knows of a component version from registry-events. */
public record ComponentFacts(String componentKey, String componentId, String componentVersion, ComponentStatus status) {
}
