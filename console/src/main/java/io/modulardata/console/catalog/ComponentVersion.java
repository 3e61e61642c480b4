package io.modulardata.console.catalog;

import java.time.Instant;
import java.util.List;

/** One registered version of a component, its lifecycle status and the tenants holding a grant to it. */
public record ComponentVersion(
        String componentKey,
        String componentId,
        String componentName,
        String componentVersion,
        String status,
        List<String> capabilities,
        List<String> formats,
        String clearance,
        List<String> certifications,
        List<String> containerImages,
        Instant registeredAt,
        Instant statusChangedAt,
        List<String> grantedTo) {
}
