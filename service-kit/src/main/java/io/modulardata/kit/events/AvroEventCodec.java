package io.modulardata.kit.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.PlatformEvents;

/**
 * Encodes events for the event store with Avro single-object encoding: the bytes carry the writer
 * schema's fingerprint, so a stored event stays readable and detectable after its schema evolves. The
 * decoder knows every released version of each schema, so events stored before a change still decode.
 */
public final class AvroEventCodec {

    private static final Map<Class<?>, BinaryMessageEncoder<SpecificRecordBase>> ENCODERS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, BinaryMessageDecoder<SpecificRecordBase>> DECODERS = new ConcurrentHashMap<>();

    private AvroEventCodec() {
    }

    public static byte[] encode(SpecificRecordBase event) {
        BinaryMessageEncoder<SpecificRecordBase> encoder = ENCODERS.computeIfAbsent(event.getClass(),
                type -> new BinaryMessageEncoder<>(modelOf(type), event.getSchema()));
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + event.getSchema().getFullName(), e);
        }
    }

    /**
     * The generated class's data model, bound to the class's own loader: Avro otherwise resolves record
     * classes through the calling thread's context loader, which on an event-loop thread may hold a
     * different copy of the schemas jar.
     */
    private static SpecificData modelOf(Class<?> eventClass) {
        SpecificData model = new SpecificData(eventClass.getClassLoader());
        SpecificData.getForClass(eventClass).getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    private static BinaryMessageDecoder<SpecificRecordBase> decoderOf(Class<? extends SpecificRecordBase> eventClass) {
        BinaryMessageDecoder<SpecificRecordBase> decoder = new BinaryMessageDecoder<>(modelOf(eventClass), PlatformEvents.schemaOf(eventClass));
        PlatformEvents.releasedSchemasOf(eventClass).forEach(decoder::addSchema);
        return decoder;
    }

    /** Decodes bytes written by {@link #encode} for the event type named by its full Avro name. */
    public static SpecificRecordBase decode(String eventType, byte[] bytes) {
        Class<? extends SpecificRecordBase> eventClass = PlatformEvents.classOf(eventType);
        BinaryMessageDecoder<SpecificRecordBase> decoder = DECODERS.computeIfAbsent(eventClass, type -> decoderOf(eventClass));
        try {
            return decoder.decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot decode stored " + eventType, e);
        }
    }
}
