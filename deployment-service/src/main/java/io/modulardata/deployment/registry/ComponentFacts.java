package io.modulardata.deployment.registry;

import java.util.List;

import io.modulardata.events.ComponentStatus;

/**
 * What deployment-service knows of a component version from registry-events; {@code containerImages}
 * are the image references a deployment of it may run (empty: it declared none).
 */
public record ComponentFacts(String componentKey, String componentId, String componentVersion, ComponentStatus status,
        List<String> containerImages) {
}
