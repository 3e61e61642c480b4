package io.modulardata.kit.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import io.modulardata.events.EventHeaders;

/**
 * Decodes only the events of one type: a record whose {@link EventHeaders#EVENT_TYPE} header names another type reads
 * as null without being decoded. A record without the header (published before the platform set it) is decoded.
 */
final class EventTypeFilter<T> implements Deserializer<T> {

    private final byte[] wanted;
    private final Deserializer<T> decoder;

    EventTypeFilter(String eventType, Deserializer<T> decoder) {
        this.wanted = eventType.getBytes(StandardCharsets.UTF_8);
        this.decoder = decoder;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        decoder.configure(configs, isKey);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return decoder.deserialize(topic, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        Header type = headers == null ? null : headers.lastHeader(EventHeaders.EVENT_TYPE);
        if (type != null && !Arrays.equals(type.value(), wanted)) {
            return null;
        }
        return decoder.deserialize(topic, headers, data);
    }

    @Override
    public void close() {
        decoder.close();
    }
}
