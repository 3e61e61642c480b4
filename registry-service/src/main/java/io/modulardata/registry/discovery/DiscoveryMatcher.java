package io.modulardata.registry.discovery;

import java.util.Collection;

import io.modulardata.registry.component.ClearanceLevel;

/** Discovery rules, as plain logic: every requested capability, at least one requested format, enough clearance. */
public final class DiscoveryMatcher {

    private DiscoveryMatcher() {
    }

    public static boolean matches(DiscoveryQuery query, Collection<String> capabilities, Collection<String> formats,
            ClearanceLevel clearance) {
        return capabilities.containsAll(query.capabilities())
                && (query.dataFormats().isEmpty() || query.dataFormats().stream().anyMatch(formats::contains))
                && clearance.isAtLeast(query.minClearance());
    }

}
