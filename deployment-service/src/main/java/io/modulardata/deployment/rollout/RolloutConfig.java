package io.modulardata.deployment.rollout;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "modulardata.rollout")
public interface RolloutConfig {

    /**
     * Whether this instance drives rollouts. Off only in tests that drive executors themselves (to
     * stop one between its cluster work and its event, as a kill would).
     */
    @WithDefault("true")
    boolean enabled();

    /** How often the executor advances unfinished rollouts. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How often the executor looks while no rollout is unfinished and no offboarded tenant waits for removal. A
     * request, a rollback or an offboarding handled by this instance wakes it at once; another instance's is seen
     * within this. At most {@link #leaseDuration()}, so that a killed instance's rollouts resume as soon as before.
     */
    @WithDefault("10s")
    Duration idlePollInterval();

    /**
     * Extra wait after the scale-down delay before blue is deleted, so a rollback accepted just before
     * the deadline is always seen first.
     */
    @WithDefault("2s")
    Duration cleanUpGrace();

    /**
     * How long a step that keeps failing (the cluster refuses an object, is unreachable, …) is retried
     * before the rollout ends FAILED with the cluster's reason and is compensated. A step after the
     * traffic switch cannot fail the rollout: it is retried until it succeeds.
     */
    @WithDefault("3m")
    Duration stepRetryTimeout();

    /** The longest wait between two attempts of a failing step (the first wait is the poll interval, doubled per attempt). */
    @WithDefault("30s")
    Duration stepRetryMaxBackoff();

    /**
     * How long a rollout stays with the instance driving it after that instance's last tick (replicas:
     * {@link RolloutLeases}). A killed instance's rollouts resume elsewhere within this plus one poll interval.
     */
    @WithDefault("10s")
    Duration leaseDuration();
}
