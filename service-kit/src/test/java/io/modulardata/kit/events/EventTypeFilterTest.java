package io.modulardata.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

import io.modulardata.events.EventHeaders;

/** The tenant-issuers feed reads every registry event but decodes only the one type its map is made of. */
class EventTypeFilterTest {

    private static final String WANTED = "io.modulardata.events.TenantIdentityProviderChanged";

    private final List<String> decoded = new ArrayList<>();
    private final Deserializer<String> decoder = (topic, data) -> {
        String value = new String(data, StandardCharsets.UTF_8);
        decoded.add(value);
        return value;
    };
    private final EventTypeFilter<String> filter = new EventTypeFilter<>(WANTED, decoder);

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

    private static Headers typed(String eventType) {
        return new RecordHeaders().add(EventHeaders.EVENT_TYPE, bytes(eventType));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
