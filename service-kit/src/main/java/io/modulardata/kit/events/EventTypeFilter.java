package io.modulardata.kit.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.modulardata.events.EventHeaders;

/**
 * Decodes only the events of the wanted types: a record whose {@link EventHeaders#EVENT_TYPE} header names another
 * type reads as null without being decoded. A record without the header (published before the platform set it) is
 * decoded. For consumers that read a whole topic for a few rare types, so the topic's every other event costs no
 * Avro decoding. A channel names it as its {@code value.deserializer} and lists the types in {@link #WANTED_TYPES}.
 */
public final class EventTypeFilter<T> implements Deserializer<T> {

    /** Kafka consumer setting: the wanted types' full names, comma-separated. */
    public static final String WANTED_TYPES = "modulardata.wanted-event-types";

    private final Deserializer<T> decoder;
    private Set<ByteBuffer> wanted;

    /** For a consumer configured by class name: Apicurio's Avro decoder and the types of {@link #WANTED_TYPES}. */
    public EventTypeFilter() {
        this(null, new AvroKafkaDeserializer<>());
    }

    /** Decodes {@code wantedTypes} with {@code decoder}; null types: those of {@link #WANTED_TYPES}, at configure. */
    public EventTypeFilter(Collection<String> wantedTypes, Deserializer<T> decoder) {
        this.decoder = decoder;
        this.wanted = wantedTypes == null ? null : encoded(wantedTypes);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        decoder.configure(configs, isKey);
        if (wanted == null) {
            Object types = configs.get(WANTED_TYPES);
            if (types == null || types.toString().isBlank()) {
                throw new ConfigException(WANTED_TYPES, types, "names no event type to decode");
            }
            wanted = encoded(Arrays.stream(types.toString().split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList());
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return decoder.deserialize(topic, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        Header type = headers == null ? null : headers.lastHeader(EventHeaders.EVENT_TYPE);
        if (type != null && !wanted.contains(ByteBuffer.wrap(type.value()))) {
            return null;
        }
        return decoder.deserialize(topic, headers, data);
    }

    @Override
    public void close() {
        decoder.close();
    }

    private static Set<ByteBuffer> encoded(Collection<String> types) {
        return types.stream().map(type -> ByteBuffer.wrap(type.getBytes(StandardCharsets.UTF_8))).collect(Collectors.toUnmodifiableSet());
    }
}
