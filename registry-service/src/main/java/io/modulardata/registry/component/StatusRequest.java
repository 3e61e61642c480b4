package io.modulardata.registry.component;

import io.modulardata.events.ComponentStatus;

/** Body of PUT /components/{componentId}/versions/{version}/status. */
public record StatusRequest(ComponentStatus status) {
}
