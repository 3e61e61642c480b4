package io.modulardata.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.CanonicalJson;
import io.modulardata.audit.support.TestEvents;

class EventMapperTest {

    @Test
    void mapsAnyRecordIntoEnvelopeColumnsAndAJsonPayload() {
        GenericRecord event = TestEvents.futureEvent("acme", 0.1);
        AuditEntry entry = EventMapper.toEntry("quota-events", 2, 41, event);

        assertThat(entry.eventType()).isEqualTo("io.modulardata.events.future.QuotaExceeded");
        assertThat(entry.simpleType()).isEqualTo("QuotaExceeded");
        assertThat(entry.eventId()).isEqualTo(event.get("eventId").toString());
        assertThat(entry.occurredAt().toEpochMilli()).isEqualTo((Long) event.get("occurredAt"));
        assertThat(entry.tenantId()).isEqualTo("acme");
        assertThat(entry.aggregateVersion()).isEqualTo(7);
        assertThat(entry.topic()).isEqualTo("quota-events");
        assertThat(entry.partition()).isEqualTo(2);
        assertThat(entry.offset()).isEqualTo(41);
        assertThat(entry.sequence()).isZero();
        assertThat(CanonicalJson.string(entry.payload())).isEqualTo("{\"limit\":500,\"quota\":\"storage\",\"usage\":0.1}");
    }

    @Test
    void mapsGeneratedPlatformEventsWithEnumsAndMaps() {
        var event = TestEvents.security("acme", "data_encryption", false, java.util.Map.of("bytes", "42"));
        AuditEntry entry = EventMapper.toEntry("security-events", 0, 0, event);
        assertThat(CanonicalJson.string(entry.payload()))
                .isEqualTo("{\"details\":{\"bytes\":\"42\"},\"eventKind\":\"data_encryption\",\"success\":false}");
        assertThat(entry.eventId()).isEqualTo(event.getEventId().toString());
        assertThat(entry.occurredAt()).isEqualTo(event.getOccurredAt());
    }
}
