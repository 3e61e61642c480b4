package io.modulardata.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.modulardata.events.SecurityEvent;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.kit.command.GroupCommitRecorder;
import io.modulardata.kit.support.KitTestEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * With replicas, a command's wake-up may find another instance relaying, which may have read its batch before
 * the command committed. The event must still go out at once, not at the next poll: here the poll is an hour
 * away, so only the retry can send it.
 */
@QuarkusTest
@TestProfile(OutboxRelayLockBusyTest.HourlyPoll.class)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit"))
@WithTestResource(JwtTestResource.class)
class OutboxRelayLockBusyTest {

    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modulardata.outbox.poll-interval", "1h");
        }
    }

    @Inject
    GroupCommitRecorder recorder;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    @Test
    void anEventCommittedWhileAnotherInstanceRelaysGoesOutOnceThatInstanceIsDone() {
        String tenantId = KitTestEvents.newTenantId();
        SecurityEvent event = KitTestEvents.operation(tenantId, "op-" + UUID.randomUUID(), "lock-busy-" + tenantId);
        double busyBefore = meters.counter(OutboxRelay.LOCK_BUSY_RETRIES).count();
        try (EventProbe probe = KitTestEvents.probe()) {
            SqlConnection otherInstance = pool.getConnection().await().atMost(Duration.ofSeconds(10));
            Transaction relaying = otherInstance.begin().await().atMost(Duration.ofSeconds(10));
            otherInstance.query("select pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK_KEY + ")").execute()
                    .await().atMost(Duration.ofSeconds(10));
            try {
                recorder.record("operation", event).await().atMost(Duration.ofSeconds(20));
                assertThat(probe.collect(Duration.ofSeconds(1))).as("nothing goes out while the other instance relays")
                        .noneMatch(e -> event.getEventId().toString().equals(e.eventId()));
                assertThat(meters.counter(OutboxRelay.LOCK_BUSY_RETRIES).count()).isGreaterThan(busyBefore);
            } finally {
                relaying.commit().await().atMost(Duration.ofSeconds(10));
                otherInstance.close().await().atMost(Duration.ofSeconds(10));
            }
            probe.await(e -> event.getEventId().toString().equals(e.eventId()), Duration.ofSeconds(10));
        }
    }
}
