package io.modulardata.kit.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.modulardata.events.SecurityEvent;
import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.kit.command.CommandContext;

/** What the kit's own @QuarkusTests record and read back: a fresh tenant, an operation's event, a probe of the topics. */
public final class KitTestEvents {

    private KitTestEvents() {
    }

    /** A tenant no other test has used, so a test reads back only its own events. */
    public static String newTenantId() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** An encryption operation's SecurityEvent, stamped for {@code tenantId} as a command would stamp it (unnumbered). */
    public static SecurityEvent operation(String tenantId, String aggregateId, String correlationId) {
        SecurityEvent event = new SecurityEvent();
        event.setEventKind("data_encryption");
        event.setSuccess(true);
        event.setDetails(Map.of("plaintextBytes", "6"));
        return new CommandContext("kit-test", correlationId).metadata(tenantId, aggregateId).stamp(event);
    }

    /** Reads {@code topics} (security-events when none is given) from the Kafka the test application uses. */
    public static EventProbe probe(String... topics) {
        var config = ConfigProvider.getConfig();
        return new EventProbe(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class),
                List.of(topics.length == 0 ? new String[] {Topics.SECURITY_EVENTS} : topics));
    }
}
