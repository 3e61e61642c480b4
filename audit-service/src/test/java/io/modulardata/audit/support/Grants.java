package io.modulardata.audit.support;

import static io.modulardata.audit.support.AuditApi.asAuditor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventPublisher;

/** Publishes component grants of one tenant and waits until audit-service has appended them. */
public final class Grants {

    private Grants() {
    }

    /** Publishes {@code count} grants to {@code tenantId}; their sequence numbers, oldest first, once all are in the log. */
    public static List<Long> ingest(String tenantId, int count, Duration atMost) {
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            for (int i = 0; i < count; i++) {
                publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.granted(tenantId, "etl-core", "1.0." + i, "alice"));
            }
        }
        List<Long> sequences = new ArrayList<>();
        await().atMost(atMost).untilAsserted(() -> {
            sequences.clear();
            sequences.addAll(asAuditor().queryParam("tenantId", tenantId).get("/audit/events").then().statusCode(200)
                    .extract().jsonPath().getList("items.sequence", Long.class));
            assertThat(sequences).hasSize(count);
        });
        sequences.sort(null);
        return sequences;
    }
}
