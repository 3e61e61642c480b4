package io.modulardata.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.CanonicalEntry;

class OccurrenceOrderTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void partitionsReadOneAfterTheOtherAreMergedInTheOrderTheirEventsOccurred() {
        CanonicalEntry granted = entry("registry-events", 0, 1);
        CanonicalEntry revoked = entry("registry-events", 0, 4);
        CanonicalEntry sealed = entry("security-events", 0, 2);
        CanonicalEntry deployed = entry("deployment-events", 1, 3);

        assertThat(OccurrenceOrder.of(List.of(granted, revoked, sealed, deployed)))
                .containsExactly(granted, sealed, deployed, revoked);
    }

    @Test
    void aPartitionKeepsItsOwnOrderEvenWhereItsTimesGoBack() {
        CanonicalEntry first = entry("security-events", 0, 5);
        CanonicalEntry second = entry("security-events", 0, 2);
        CanonicalEntry other = entry("security-events", 1, 3);

        assertThat(OccurrenceOrder.of(List.of(first, second, other))).containsExactly(other, first, second);
    }

    @Test
    void onePartitionStaysAsRead() {
        CanonicalEntry late = entry("registry-events", 2, 9);
        CanonicalEntry early = entry("registry-events", 2, 1);

        assertThat(OccurrenceOrder.of(List.of(late, early))).containsExactly(late, early);
    }

    @Test
    void ofTwoPartitionsEventsOfTheSameInstantTheOneReadFirstGoesFirst() {
        CanonicalEntry registry = entry("registry-events", 0, 4);
        CanonicalEntry security = entry("security-events", 0, 4);

        assertThat(OccurrenceOrder.of(List.of(security, registry))).containsExactly(security, registry);
        assertThat(OccurrenceOrder.of(List.of(registry, security))).containsExactly(registry, security);
    }

    private static CanonicalEntry entry(String topic, int partition, int secondsAfterT0) {
        return CanonicalEntry.of(new AuditEntry(0, topic, partition, 0, "io.modulardata.events.SecurityEvent",
                UUID.randomUUID().toString(), T0.plusSeconds(secondsAfterT0), "t1", "alice", "corr-1", "agg-1", 1,
                JsonNodeFactory.instance.objectNode(), null));
    }
}
