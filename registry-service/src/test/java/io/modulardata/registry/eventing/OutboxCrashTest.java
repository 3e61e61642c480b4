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

import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.kit.outbox.OutboxRelay;
import io.modulardata.registry.support.CrashAfterAcknowledgement;
import io.modulardata.registry.support.OutboxRows;
import io.modulardata.registry.support.RegistryEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The two crashes of a relay run, made to happen exactly: between commit and publish (the relay stopped
 * before anything was sent), and between Kafka's acknowledgement and the deletion of the outbox rows
 * ({@link CrashAfterAcknowledgement}). Copies are counted on the topic up to its end offsets once the
 * outbox no longer holds the event, so a late copy cannot slip past.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class OutboxCrashTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    OutboxRelay relay;

    @Inject
    CrashAfterAcknowledgement crash;

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
            List<String> pending = OutboxRows.pendingEventIdsOf(tenantId);
            assertThat(pending).as("committed, not relayed").hasSize(1);
            String eventId = pending.get(0);
            assertThat(events.collectToEnd(TIMEOUT)).as("nothing published while the relay is down")
                    .noneMatch(event -> eventId.equals(event.eventId()));

            relay.resume();

            RecordedEvent published = events.await(e -> eventId.equals(e.eventId()), TIMEOUT);
            assertThat(published.field("aggregateId")).isEqualTo(tenantId);
            awaitRelayed(eventId);
            assertThat(copiesOf(eventId, events)).hasSize(1);
        }
    }

    @Test
    void anEventKafkaAcknowledgedBeforeTheRelayDiedIsSentAgainWithTheSameEventId() {
        String tenantId = newTenantId();
        try (EventProbe events = RegistryEvents.probe()) {
            // Armed only with no batch in flight (a batch's rows stay in the outbox until Kafka acknowledged it),
            // so the run that dies is the one carrying this tenant's event, not a late one of an earlier test.
            await().atMost(TIMEOUT).until(() -> OutboxRows.pendingEventIds().isEmpty());
            crash.arm();
            registerTenant(tenantId);

            RecordedEvent first = events.await(e -> tenantId.equals(e.field("aggregateId")), TIMEOUT);
            await().atMost(TIMEOUT).until(crash::hasKilled);
            // Died after the acknowledgement: the event is on Kafka, and its outbox row is still there.
            assertThat(OutboxRows.pendingEventIds()).contains(first.eventId());
            assertThat(copiesOf(first.eventId(), events)).hasSize(1);

            relay.resume();

            awaitRelayed(first.eventId());
            List<RecordedEvent> copies = copiesOf(first.eventId(), events);
            assertThat(copies).as("sent again, at least once delivery").hasSize(2);
            assertThat(copies.get(1).key()).isEqualTo(first.key());
            assertThat(copies.get(1).value()).isEqualTo(first.value());
        }
    }

    private static void awaitRelayed(String eventId) {
        await().atMost(TIMEOUT).until(() -> !OutboxRows.pendingEventIds().contains(eventId));
    }

    private static List<RecordedEvent> copiesOf(String eventId, EventProbe events) {
        return events.collectToEnd(TIMEOUT).stream().filter(event -> eventId.equals(event.eventId())).toList();
    }
}
