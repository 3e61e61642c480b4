package io.modulardata.console.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

import io.modulardata.console.support.Events;
import io.modulardata.events.DeploymentRequested;

class EventDecoderTest {

    @Test
    void decodesTheEnvelopeAndEveryOtherFieldAsPlainValues() {
        DeploymentRequested requested = Events.deploymentRequested("acme", "d-1", "etl-core", "2.1.0", null);

        PlatformEvent event = EventDecoder.decode("deployment-events", 2, 41, requested);

        assertThat(event.type()).isEqualTo("DeploymentRequested");
        assertThat(event.eventId()).isEqualTo(requested.getEventId().toString());
        assertThat(event.tenantId()).isEqualTo("acme");
        assertThat(event.occurredAt()).isEqualTo(requested.getOccurredAt());
        assertThat(event.topic()).isEqualTo("deployment-events");
        assertThat(event.partition()).isEqualTo(2);
        assertThat(event.offset()).isEqualTo(41);
        assertThat(event.payload()).doesNotContainKeys("eventId", "tenantId", "occurredAt");
        assertThat(event.textOr("environment", "")).isEqualTo("STAGING");
        assertThat(event.textOr("targetSlot", "")).isEqualTo("BLUE");
        assertThat(event.text("previousDeploymentId")).isEmpty();
        Map<String, Object> container = event.map("container");
        assertThat(container).containsEntry("imageName", "registry.example.com/data/etl-core").containsEntry("cpuCores", 0.5)
                .containsEntry("gpuRequired", false);
        assertThat(event.map("validation")).containsEntry("scaleDownDelaySeconds", 30);
    }

    @Test
    void decodesAnEventTypeNoOneKnowsYetWithItsTimestampsAsInstants() {
        Schema future = new Schema.Parser().parse("""
                {"type": "record", "name": "QuotaExceeded", "namespace": "io.modulardata.events.future", "fields": [
                  {"name": "eventId", "type": {"type": "string", "logicalType": "uuid"}},
                  {"name": "occurredAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "tenantId", "type": "string"}, {"name": "actor", "type": "string"},
                  {"name": "correlationId", "type": "string"}, {"name": "aggregateId", "type": "string"},
                  {"name": "aggregateVersion", "type": "long"},
                  {"name": "resetAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
                  {"name": "usage", "type": "double"}]}""");
        GenericData.Record record = new GenericData.Record(future);
        record.put("eventId", "e-1");
        record.put("occurredAt", 1_000L);
        record.put("tenantId", "acme");
        record.put("actor", "a");
        record.put("correlationId", "c");
        record.put("aggregateId", "acme");
        record.put("aggregateVersion", 3L);
        record.put("resetAt", 2_000L);
        record.put("usage", 0.75);

        PlatformEvent event = EventDecoder.decode("registry-events", 0, 0, record);

        assertThat(event.type()).isEqualTo("QuotaExceeded");
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(event.payload()).containsEntry("resetAt", Instant.ofEpochMilli(2_000)).containsEntry("usage", 0.75);
    }

    @Test
    void refusesARecordWithoutTheEnvelope() {
        Schema other = new Schema.Parser().parse("""
                {"type": "record", "name": "Other", "fields": [{"name": "x", "type": "string"}]}""");
        GenericData.Record record = new GenericData.Record(other);
        record.put("x", "y");

        assertThatThrownBy(() -> EventDecoder.decode("registry-events", 0, 7, record))
                .isInstanceOf(EventDecoder.NotAnEvent.class).hasMessageContaining("registry-events/0@7");
    }
}
