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
     * Extra wait after the scale-down delay before blue is deleted, so a rollback accepted just before
     * the deadline is always seen first.
     */
    @WithDefault("2s")
    Duration cleanUpGrace();
}
