package io.modulardata.kit.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.events.SecurityEvent;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A command gives the version it decided on once; the recorder numbers the events after it. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit"))
@WithTestResource(JwtTestResource.class)
class EventRecorderTest {

    @Inject
    EventRecorder recorder;

    @Inject
    Pool pool;

    @Test
    void eventsAreNumberedAfterTheLoadedVersion() throws Throwable {
        String aggregateId = "rec-" + UUID.randomUUID();
        List<SecurityEvent> first = List.of(event(aggregateId), event(aggregateId));
        assertThat(first).extracting(SecurityEvent::getAggregateVersion).as("unnumbered until recorded").containsOnly(0L);

        record(aggregateId, 0, first);
        record(aggregateId, 2, List.of(event(aggregateId)));

        assertThat(pool.preparedQuery("select aggregate_version from event_store where aggregate_id = $1 order by global_position")
                .execute(Tuple.of(aggregateId)).await().atMost(Duration.ofSeconds(10)).stream().map(row -> row.getLong(0)).toList())
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void aCommandThatLoadedAStaleVersionConflicts() throws Throwable {
        String aggregateId = "rec-" + UUID.randomUUID();
        record(aggregateId, 0, List.of(event(aggregateId)));
        assertThatThrownBy(() -> record(aggregateId, 0, List.of(event(aggregateId)))).isNotNull();
    }

    private void record(String aggregateId, long loadedVersion, List<SecurityEvent> events) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> recorder.record("test", loadedVersion, events)));
    }

    private static SecurityEvent event(String aggregateId) {
        SecurityEvent event = new SecurityEvent();
        event.setEventKind("key_rotated");
        event.setSuccess(true);
        event.setDetails(Map.of());
        return new CommandContext("kit-test", "rec-" + aggregateId).metadata("t-recorder", aggregateId).stamp(event);
    }
}
