package io.modulardata.kit.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import io.modulardata.events.ComponentRegistered;
import io.modulardata.events.PlatformEvents;

/** Events stored under an earlier version of their schema still decode after the schema evolved. */
class AvroEventCodecTest {

    @Test
    void anEventStoredUnderTheFirstReleasedSchemaDecodesWithTheCurrentClass() throws Exception {
        Schema released = PlatformEvents.releasedSchemasOf(ComponentRegistered.class).get(0);
        assertThat(released.getField("containerImages")).as("the first version predates containerImages").isNull();
        GenericRecord old = new GenericRecordBuilder(released)
                .set("eventId", UUID.randomUUID().toString())
                .set("occurredAt", 1_700_000_000_000L)
                .set("tenantId", "platform")
                .set("actor", "operator")
                .set("correlationId", "c-1")
                .set("aggregateId", "etl-core-2.1.0")
                .set("aggregateVersion", 1L)
                .set("componentId", "etl-core")
                .set("componentName", "ETL core")
                .set("componentVersion", "2.1.0")
                .set("componentKey", "etl-core-2.1.0")
                .set("componentHash", "0123456789abcdef")
                .set("dataProcessingCapabilities", List.of("transform"))
                .set("supportedDataFormats", List.of("csv"))
                .set("resourceRequirements", Map.of())
                .set("securityClearanceLevel", new GenericData.EnumSymbol(released.getField("securityClearanceLevel").schema(), "INTERNAL"))
                .set("complianceCertifications", List.of())
                .set("dependencies", List.of())
                .set("dataLineageTracking", false)
                .set("status", new GenericData.EnumSymbol(released.getField("status").schema(), "ACTIVE"))
                .build();
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(old);
        byte[] stored = new byte[buffer.remaining()];
        buffer.get(stored);

        var decoded = (ComponentRegistered) AvroEventCodec.decode(ComponentRegistered.class.getName(), stored);

        assertThat(decoded.getComponentKey()).isEqualTo("etl-core-2.1.0");
        assertThat(decoded.getContainerImages()).isEmpty();
    }
}
