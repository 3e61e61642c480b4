package io.modulardata.registry.support;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventProbe;

/** Opens an {@link EventProbe} on registry-events against the servers the service under test uses. */
public final class RegistryEvents {

    private RegistryEvents() {
    }

    public static EventProbe probe() {
        var config = ConfigProvider.getConfig();
        return new EventProbe(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class),
                List.of(Topics.REGISTRY_EVENTS));
    }
}
