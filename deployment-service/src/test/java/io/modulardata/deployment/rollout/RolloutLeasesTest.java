package io.modulardata.deployment.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Two instances' executors asking for the same rollout: one drives it, the other takes over when it stops renewing. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class RolloutLeasesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Test
    void oneInstanceHoldsARolloutUntilItStopsRenewing() {
        String deploymentId = "lease-" + UUID.randomUUID();
        RolloutLeases first = new RolloutLeases(pool, "first", Duration.ofSeconds(2));
        RolloutLeases second = new RolloutLeases(pool, "second", Duration.ofSeconds(2));

        assertThat(hold(first, deploymentId)).isTrue();
        assertThat(hold(second, deploymentId)).as("held by the first instance").isFalse();
        assertThat(hold(first, deploymentId)).as("renewed by its holder").isTrue();

        // The first instance dies: nobody renews, and the second one takes over after the expiry.
        await().atMost(WAIT).until(() -> hold(second, deploymentId));
        assertThat(hold(first, deploymentId)).as("the first instance, back, finds it taken").isFalse();
        assertThat(holderOf(deploymentId)).isEqualTo("second");
    }

    @Test
    void concurrentAsksHaveOneWinner() {
        String deploymentId = "lease-" + UUID.randomUUID();
        List<RolloutLeases> instances = List.of("a", "b", "c", "d").stream()
                .map(name -> new RolloutLeases(pool, name, Duration.ofMinutes(1))).toList();
        List<Boolean> answers = instances.parallelStream().map(instance -> hold(instance, deploymentId)).toList();
        assertThat(answers).containsOnlyOnce(true);
    }

    @Test
    void aFinishedRolloutsLeaseIsGivenUp() {
        String running = "lease-" + UUID.randomUUID();
        String finished = "lease-" + UUID.randomUUID();
        RolloutLeases instance = new RolloutLeases(pool, "releasing-" + UUID.randomUUID(), Duration.ofMinutes(1));
        hold(instance, running);
        hold(instance, finished);
        instance.releaseAllBut(List.of(running)).await().atMost(WAIT);
        assertThat(holderOf(running)).isEqualTo(instance.holder());
        assertThat(holderOf(finished)).isNull();
    }

    private static boolean hold(RolloutLeases leases, String deploymentId) {
        return leases.hold(deploymentId).await().atMost(WAIT);
    }

    private String holderOf(String deploymentId) {
        var rows = pool.preparedQuery("select holder from rollout_lease where deployment_id = $1").execute(Tuple.of(deploymentId))
                .await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }
}
