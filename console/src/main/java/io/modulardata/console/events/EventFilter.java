package io.modulardata.console.events;

import io.modulardata.console.ingest.PlatformEvent;
import io.modulardata.console.signin.Scope;

/**
 * What a page or stream asks for, within what its user may see: a tenant, an event type (simple name,
 * {@code TenantRegistered}) and a topic, each optional (blank means any).
 */
public record EventFilter(String tenant, String type, String topic) {

    public static EventFilter of(String tenant, String type, String topic) {
        return new EventFilter(blankToNull(tenant), blankToNull(type), blankToNull(topic));
    }

    /**
     * What a user of this scope may ask for: a tenant's user always asks for its own tenant, so a page never
     * echoes another tenant's id from its address.
     */
    public EventFilter within(Scope scope) {
        return scope.allTenants() ? this : new EventFilter(scope.tenant(), type, topic);
    }

    public static EventFilter any() {
        return new EventFilter(null, null, null);
    }

    /** The scope decides first: an event of a tenant the user may not see never matches, whatever was asked. */
    public boolean matches(PlatformEvent event, Scope scope) {
        return scope.sees(event.tenantId())
                && (tenant == null || tenant.equals(event.tenantId()))
                && (type == null || type.equals(event.type()))
                && (topic == null || topic.equals(event.topic()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
