package io.modulardata.events;

import java.util.List;

/** Kafka topics of the platform. Every record is keyed by its event's tenantId. */
public final class Topics {

    public static final String REGISTRY_EVENTS = "registry-events";
    public static final String DEPLOYMENT_EVENTS = "deployment-events";
    public static final String SECURITY_EVENTS = "security-events";

    public static final List<String> ALL = List.of(REGISTRY_EVENTS, DEPLOYMENT_EVENTS, SECURITY_EVENTS);

    private Topics() {
    }
}
