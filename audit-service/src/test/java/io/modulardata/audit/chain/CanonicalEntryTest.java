package io.modulardata.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

class CanonicalEntryTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void writesTheSameBytesAsTheCanonicalFormOfTheWholeEntryObject() throws Exception {
        AuditEntry entry = entry("tënant \"quoted\" \\ \u0001 ✓", JSON.readTree(
                "{\"z\": [1, 2.50, {\"b\": null, \"a\": \"\\u00e9\"}], \"amount\": -7, \"flag\": true, \"nested\": {\"y\": 1, \"x\": 0.0}}"));
        for (long sequence : new long[] {1, 42, 9_876_543_210L}) {
            assertThat(new String(CanonicalEntry.of(entry).bytes(sequence), StandardCharsets.UTF_8))
                    .isEqualTo(new String(reference(entry.chained(sequence, null)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void hashesPreviousHashThenCanonicalBytes() throws Exception {
        AuditEntry entry = entry("acme", JSON.readTree("{\"componentId\": \"etl-core\"}"));
        String previous = "ab".repeat(32);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(HexFormat.of().parseHex(previous));
        sha.update(reference(entry.chained(7, null)));
        assertThat(CanonicalEntry.of(entry).hash(previous, 7)).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        assertThat(EntryHasher.hash(previous, entry.chained(7, null))).isEqualTo(CanonicalEntry.of(entry).hash(previous, 7));
    }

    @Test
    void keepsThePayloadTextStoredInTheDatabase() throws Exception {
        JsonNode payload = JSON.readTree("{\"b\": 2.50, \"a\": \"x\"}");
        assertThat(CanonicalEntry.of(entry("acme", payload)).payloadJson()).isEqualTo(CanonicalJson.string(payload))
                .isEqualTo("{\"a\":\"x\",\"b\":2.5}");
    }

    /** The definition: the canonical JSON of the object holding every column but hash. */
    private static byte[] reference(AuditEntry entry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("topic", entry.topic());
        node.put("tenantId", entry.tenantId());
        node.put("sequence", entry.sequence());
        node.set("payload", entry.payload());
        node.put("partition", entry.partition());
        node.put("offset", entry.offset());
        node.put("occurredAt", entry.occurredAt().toEpochMilli());
        node.put("eventType", entry.eventType());
        node.put("eventId", entry.eventId());
        node.put("correlationId", entry.correlationId());
        node.put("aggregateVersion", entry.aggregateVersion());
        node.put("aggregateId", entry.aggregateId());
        node.put("actor", entry.actor());
        return CanonicalJson.bytes(node);
    }

    private static AuditEntry entry(String tenantId, JsonNode payload) {
        return new AuditEntry(0, "registry-events", 2, 12345, "io.modulardata.events.ComponentAccessGranted",
                "0b3f6c1e-6a59-4c1e-9a39-5ad3f2a0e6c1", Instant.parse("2026-11-25T10:15:30.123Z"), tenantId, "alice",
                "corr-1", "aggregate-9", 3, payload, null);
    }
}
