package io.modulardata.deployment.rollout;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.modulardata.deployment.cluster.InstanceName;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which instance drives a rollout. With replicas, every instance's executor sees every unfinished
 * rollout; a lease per rollout (a row naming one instance until an expiry it renews every tick) lets
 * exactly one act on it. A killed instance stops renewing, so another takes its rollouts over once their
 * leases expired: within the lease duration plus one poll interval. The expiry is the database's clock,
 * so the instances' clocks need not agree.
 */
@ApplicationScoped
public class RolloutLeases {

    /**
     * Takes a free or expired lease, or renews our own: one statement, so two instances asking at once
     * cannot both win (the primary key serialises them).
     */
    private static final String HOLD = """
            insert into rollout_lease (deployment_id, holder, expires_at)
            values ($1, $2, clock_timestamp() + make_interval(secs => $3))
            on conflict (deployment_id) do update set holder = excluded.holder, expires_at = excluded.expires_at
            where rollout_lease.holder = excluded.holder or rollout_lease.expires_at < clock_timestamp()
            """;

    private static final String RELEASE = "delete from rollout_lease where holder = $1 and not (deployment_id = any($2))";

    private final Pool pool;
    private final String holder;
    private final Duration duration;

    @Inject
    public RolloutLeases(Pool pool, RolloutConfig config, InstanceName instance) {
        this(pool, instance.value(), config.leaseDuration());
    }

    RolloutLeases(Pool pool, String holder, Duration duration) {
        this.pool = pool;
        this.holder = holder;
        this.duration = duration;
    }

    public String holder() {
        return holder;
    }

    /** Whether this instance holds the rollout's lease now (taken or renewed). */
    public Uni<Boolean> hold(String deploymentId) {
        return pool.preparedQuery(HOLD).execute(Tuple.of(deploymentId, holder, duration.toMillis() / 1000.0))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives up this instance's leases of rollouts that are no longer unfinished. */
    public Uni<Void> releaseAllBut(List<String> unfinished) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(holder, unfinished.toArray(String[]::new))).replaceWithVoid();
    }
}
