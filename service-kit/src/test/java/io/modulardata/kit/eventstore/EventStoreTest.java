package io.modulardata.kit.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.events.EventHeaders;
import io.modulardata.events.SecurityEvent;
import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.support.KitTestEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A command's events go to the log and, in the same statement, to the outbox for their topic. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit"))
@WithTestResource(JwtTestResource.class)
class EventStoreTest {

    @Inject
    EventStore eventStore;

    @Inject
    Pool pool;

    @Test
    void appendedEventsAreInTheLogInOrderAndReachTheirTopic() throws Throwable {
        String tenantId = KitTestEvents.newTenantId();
        String aggregateId = "ring-" + tenantId;
        List<SecurityEvent> events = List.of(event(tenantId, aggregateId, 1), event(tenantId, aggregateId, 2));
        try (EventProbe probe = KitTestEvents.probe(Topics.SECURITY_EVENTS)) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> eventStore.append("test", 0, events)));

            List<Row> rows = pool.preparedQuery("select aggregate_version, event_type, event_id from event_store "
                    + "where aggregate_type = 'test' and aggregate_id = $1 order by global_position").execute(Tuple.of(aggregateId))
                    .await().atMost(Duration.ofSeconds(10)).stream().toList();
            assertThat(rows).extracting(row -> row.getLong(0)).containsExactly(1L, 2L);
            assertThat(rows).extracting(row -> row.getString(1)).containsOnly(SecurityEvent.getClassSchema().getFullName());
            for (SecurityEvent event : events) {
                RecordedEvent published = probe.await(e -> event.getEventId().toString().equals(e.eventId()), Duration.ofSeconds(20));
                assertThat(published.topic()).isEqualTo(Topics.SECURITY_EVENTS);
                assertThat(published.key()).isEqualTo(tenantId);
                // A reader that wants some event types skips the others by this header, without decoding them.
                assertThat(published.headers()).containsEntry(EventHeaders.EVENT_TYPE, SecurityEvent.getClassSchema().getFullName());
            }
        }
        // The same version again loses against the unique key: optimistic concurrency.
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> eventStore.append("test", 1, List.of(event(tenantId, aggregateId, 2)))))).isNotNull();
    }

    private static SecurityEvent event(String tenantId, String aggregateId, long version) {
        SecurityEvent event = new SecurityEvent();
        event.setEventKind("key_rotated");
        event.setSuccess(true);
        event.setDetails(Map.of());
        return EventMetadata.stampVersion(new CommandContext("kit-test", "es-" + aggregateId).metadata(tenantId, aggregateId).stamp(event),
                version);
    }
}
