package io.modulardata.security.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How operation events are committed in groups (see {@link GroupCommitRecorder}). */
@ConfigMapping(prefix = "modulardata.security.group-commit")
public interface GroupCommitConfig {

    /** Most events written by one statement; more wait for the next group. */
    @WithDefault("512")
    int maxEvents();

    /** Groups being written at once (each holds one pooled connection while it is written). */
    @WithDefault("2")
    int maxInFlight();
}
