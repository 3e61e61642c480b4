package io.modulardata.registry.grant;

import io.modulardata.events.ComponentAccessGranted;
import io.modulardata.events.ComponentAccessRevoked;
import io.modulardata.events.ComponentStatus;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.registry.component.ComponentVersion;

/** Decides grant and revoke events; grants belong to the tenant aggregate. Plain domain logic, no I/O. */
public final class GrantEvents {

    private GrantEvents() {
    }

    /** Retiring (SUNSET) and ARCHIVED versions take no new users. */
    public static ComponentAccessGranted granted(ComponentVersion component, EventMetadata metadata) {
        if (component.status == ComponentStatus.SUNSET || component.status == ComponentStatus.ARCHIVED) {
            throw ApiProblemException.conflict("Component version " + component.componentKey + " is " + component.status
                    + " and cannot be granted");
        }
        ComponentAccessGranted event = new ComponentAccessGranted();
        event.setComponentKey(component.componentKey);
        event.setComponentId(component.componentId);
        event.setComponentVersion(component.componentVersion);
        return metadata.stamp(event);
    }

    public static ComponentAccessRevoked revoked(ComponentVersion component, EventMetadata metadata) {
        ComponentAccessRevoked event = new ComponentAccessRevoked();
        event.setComponentKey(component.componentKey);
        event.setComponentId(component.componentId);
        event.setComponentVersion(component.componentVersion);
        return metadata.stamp(event);
    }
}
