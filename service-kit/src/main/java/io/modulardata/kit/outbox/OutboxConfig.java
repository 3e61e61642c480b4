package io.modulardata.kit.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "modulardata.outbox")
public interface OutboxConfig {

    /** Whether this instance relays the outbox to Kafka. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How often the relay looks for rows no wake-up announced: left by a crashed instance, or after a failed run.
     * A safety net only: every command wakes the relay when it commits, so events never wait for it.
     */
    @WithDefault("2s")
    Duration pollInterval();

    /**
     * A wake-up that finds another instance relaying tries again after this, until it relays once itself: the
     * other instance may have read its batch before this instance's rows were committed.
     */
    @WithDefault("50ms")
    Duration lockBusyRetry();

    /** Rows published per transaction. */
    @WithDefault("200")
    int batchSize();
}
