package io.modulardata.kit.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import io.modulardata.events.EventHeaders;

/** Consumers that read a whole topic for a few types (the tenant-issuers feed, security-service's) decode only those. */
class EventTypeFilterTest {

    private static final String WANTED = "io.modulardata.events.TenantIdentityProviderChanged";

    private final List<String> decoded = new ArrayList<>();
    private final Deserializer<String> decoder = (topic, data) -> {
        String value = new String(data, StandardCharsets.UTF_8);
        decoded.add(value);
        return value;
    };
    private final EventTypeFilter<String> filter = new EventTypeFilter<>(List.of(WANTED), decoder);

    @Test
    void anEventOfAnotherTypeReadsAsNullWithoutBeingDecoded() {
        assertThat(filter.deserialize("registry-events", typed("io.modulardata.events.ComponentRegistered"), bytes("component")))
                .isNull();
        assertThat(decoded).isEmpty();
    }

    @Test
    void anEventOfTheWantedTypeIsDecoded() {
        assertThat(filter.deserialize("registry-events", typed(WANTED), bytes("provider"))).isEqualTo("provider");
    }

    @Test
    void anEventPublishedBeforeTheHeaderExistedIsDecoded() {
        assertThat(filter.deserialize("registry-events", new RecordHeaders(), bytes("older"))).isEqualTo("older");
        assertThat(decoded).containsExactly("older");
    }

    @Test
    void aConsumerConfiguredByClassNameDecodesEachTypeItNames() {
        EventTypeFilter<String> configured = new EventTypeFilter<>(null, decoder);
        configured.configure(Map.of(EventTypeFilter.WANTED_TYPES, "io.modulardata.events.SubjectErased, " + WANTED), false);
        assertThat(configured.deserialize("security-events", typed("io.modulardata.events.SubjectErased"), bytes("erased")))
                .isEqualTo("erased");
        assertThat(configured.deserialize("security-events", typed(WANTED), bytes("provider"))).isEqualTo("provider");
        assertThat(configured.deserialize("security-events", typed("io.modulardata.events.SecurityEvent"), bytes("operation")))
                .isNull();
        assertThat(decoded).containsExactly("erased", "provider");
    }

    @Test
    void aConsumerConfiguredWithoutTypesDoesNotStart() {
        EventTypeFilter<String> unconfigured = new EventTypeFilter<>(null, decoder);
        assertThatThrownBy(() -> unconfigured.configure(Map.of(), false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(EventTypeFilter.WANTED_TYPES);
    }

    private static Headers typed(String eventType) {
        return new RecordHeaders().add(EventHeaders.EVENT_TYPE, bytes(eventType));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
