package io.modulardata.registry.eventing;

import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.modulardata.infra.testing.EventProbe;
import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.modulardata.infra.testing.RecordedEvent;
import io.modulardata.kit.outbox.OutboxRelay;
import io.modulardata.registry.support.RegistryEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The relay is stopped after the command committed and before anything was published (what a crash
 * between commit and publish leaves behind); once it runs again the event arrives, exactly once.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class OutboxCrashTest {

    @Inject
    OutboxRelay relay;

    @AfterEach
    void restartRelay() {
        relay.resume();
    }

    @Test
    void eventCommittedWhileTheRelayIsDownArrivesOnceAfterItRestarts() {
        relay.pause();
        await().atMost(Duration.ofSeconds(10)).until(() -> !relay.isRunning());
        String tenantId = newTenantId();

        try (EventProbe events = RegistryEvents.probe()) {
            registerTenant(tenantId);
            assertThat(relay.pendingCount().await().atMost(Duration.ofSeconds(5))).isGreaterThanOrEqualTo(1);
            assertThat(events.collect(Duration.ofSeconds(2)))
                    .noneMatch(event -> tenantId.equals(event.field("aggregateId")));

            relay.resume();

            RecordedEvent published = events.await(e -> tenantId.equals(e.field("aggregateId")), Duration.ofSeconds(20));
            List<RecordedEvent> copies = events.collect(Duration.ofSeconds(2)).stream()
                    .filter(e -> published.eventId().equals(e.eventId())).toList();
            assertThat(copies).hasSize(1);
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(relay.pendingCount().await().atMost(Duration.ofSeconds(5))).isZero());
    }
}
