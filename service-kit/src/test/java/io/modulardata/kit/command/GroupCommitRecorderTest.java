package io.modulardata.kit.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.modulardata.kit.support.KitTestEvents.newTenantId;
import static io.modulardata.kit.support.KitTestEvents.operation;
import static io.modulardata.kit.support.KitTestEvents.probe;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.modulardata.events.ComponentAccessGranted;
import io.modulardata.events.SecurityEvent;
import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RefusedEventInserts;
import io.modulardata.kit.outbox.OutboxRelay;
import io.modulardata.kit.problem.ApiProblemException;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Group commit: events recorded together are committed in groups, each caller completes only after its
 * event's group committed, every event reaches its topic exactly once, and a group whose commit fails
 * fails all its callers and leaves nothing behind.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit"))
@WithTestResource(JwtTestResource.class)
class GroupCommitRecorderTest {

    private static final int CALLS = 300;
    private static final String AGGREGATE_TYPE = "operation";

    @Inject
    GroupCommitRecorder recorder;

    @Inject
    GroupCommitConfig config;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry meters;

    @Test
    void concurrentEventsAreCommittedInGroupsAndEachIsOnTheTopicExactlyOnce() {
        String tenantId = newTenantId();
        String prefix = "gc-" + tenantId + "-";
        recordConcurrently(tenantId, "gc-first-" + tenantId, 1).get(0).join(); // the recorder registers its metric when first used
        DistributionSummary groups = meters.find(GroupCommitRecorder.GROUP_SIZES).summary();
        long groupsBefore = groups.count();
        double eventsBefore = groups.totalAmount();

        try (EventProbe probe = probe()) {
            recordConcurrently(tenantId, prefix, CALLS).forEach(CompletableFuture::join);

            assertThat(groups.totalAmount() - eventsBefore).isGreaterThanOrEqualTo(CALLS);
            assertThat(groups.count() - groupsBefore).as("statements for %d events", CALLS).isLessThan(CALLS);
            // Completed means committed: every event is in the log already, each with its outbox row.
            assertThat(stored(tenantId, prefix)).isEqualTo(CALLS);

            Set<String> expected = IntStream.range(0, CALLS).mapToObj(i -> prefix + i).collect(Collectors.toSet());
            for (String correlationId : expected) {
                probe.await(e -> tenantId.equals(e.field("tenantId")) && correlationId.equals(e.field("correlationId")),
                        Duration.ofSeconds(20));
            }
            // Nothing left to relay: any duplicate would already be on the topic.
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount().await().atMost(Duration.ofSeconds(5)) == 0
                    && !relay.isRunning());
            Map<String, Long> perCall = probe.collect(Duration.ofSeconds(1)).stream()
                    .filter(e -> tenantId.equals(e.field("tenantId")))
                    .map(e -> String.valueOf(e.field("correlationId")))
                    .filter(expected::contains)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(perCall).hasSize(CALLS);
            assertThat(perCall.values()).allMatch(count -> count == 1);
        }
    }

    @Test
    void whenTheGroupCannotBeCommittedEveryCallerFailsAndNothingIsStored() throws SQLException {
        String tenantId = newTenantId();
        String prefix = "gcfail-" + tenantId + "-";
        // A real database failure for this tenant's events only: the insert statement is refused.
        try (RefusedEventInserts refused = RefusedEventInserts.of("kit", tenantId, null)) {
            assertThat(recordConcurrently(tenantId, prefix, 20)).allSatisfy(call -> assertThatThrownBy(call::join)
                    .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(ApiProblemException.class,
                            problem -> assertThat(problem.problem().status()).isEqualTo(503)));
        }
        assertThat(stored(tenantId, prefix)).isZero();
        // The database is back: the next event is recorded.
        recordConcurrently(tenantId, prefix + "again-", 1).get(0).join();
        assertThat(stored(tenantId, prefix + "again-")).isEqualTo(1);
    }

    @Test
    void eachEventOfAGroupGoesToTheTopicOfItsType() {
        String tenantId = newTenantId();
        ComponentAccessGranted granted = new ComponentAccessGranted();
        granted.setComponentId("etl-core");
        granted.setComponentVersion("2.1.0");
        granted.setComponentKey("etl-core-2.1.0");
        new CommandContext("kit-test", "gc-topics-" + tenantId).metadata(tenantId, "op-" + UUID.randomUUID()).stamp(granted);
        SecurityEvent security = operation(tenantId, "op-" + UUID.randomUUID(), "gc-topics-" + tenantId);
        try (EventProbe probe = probe(Topics.REGISTRY_EVENTS, Topics.SECURITY_EVENTS)) {
            CompletableFuture<Void> first = recorder.record(AGGREGATE_TYPE, granted).subscribeAsCompletionStage();
            CompletableFuture<Void> second = recorder.record(AGGREGATE_TYPE, security).subscribeAsCompletionStage();
            CompletableFuture.allOf(first, second).join();

            assertThat(probe.await(e -> granted.getEventId().toString().equals(e.eventId()), Duration.ofSeconds(20)).topic())
                    .isEqualTo(Topics.REGISTRY_EVENTS);
            assertThat(probe.await(e -> security.getEventId().toString().equals(e.eventId()), Duration.ofSeconds(20)).topic())
                    .isEqualTo(Topics.SECURITY_EVENTS);
        }
    }

    @Test
    void theEventIsStoredAsTheOnlyVersionOfItsOneOffAggregate() {
        String tenantId = newTenantId();
        SecurityEvent event = operation(tenantId, "op-" + UUID.randomUUID(), "gc-version-1");
        assertThat(event.getAggregateVersion()).as("unnumbered until recorded").isZero();
        recorder.record(AGGREGATE_TYPE, event).await().atMost(Duration.ofSeconds(20));
        assertThat(count("select count(*) from event_store where correlation_id = $1 and aggregate_version = 1",
                Tuple.of("gc-version-1"))).isEqualTo(1);
    }

    @Test
    void aSettingUnderItsEarlierNameStillApplies() {
        // application.properties sets modulardata.security.group-commit.max-events only.
        assertThat(config.maxEvents()).isEqualTo(256);
        assertThat(ConfigProvider.getConfig().getValue("modulardata.group-commit.max-events", Integer.class)).isEqualTo(256);
        assertThat(config.maxInFlight()).isEqualTo(2);
    }

    private List<CompletableFuture<Void>> recordConcurrently(String tenantId, String correlationPrefix, int calls) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            SecurityEvent event = operation(tenantId, "op-" + UUID.randomUUID(), correlationPrefix + i);
            pending.add(recorder.record(AGGREGATE_TYPE, event).subscribeAsCompletionStage());
        }
        return pending;
    }

    private long stored(String tenantId, String correlationPrefix) {
        return count("select count(*) from event_store where tenant_id = $1 and aggregate_type = 'operation' "
                + "and correlation_id like $2", Tuple.of(tenantId, correlationPrefix + "%"));
    }

    private long count(String query, Tuple arguments) {
        return pool.preparedQuery(query).execute(arguments).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
