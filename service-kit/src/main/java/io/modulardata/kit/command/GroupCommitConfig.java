package io.modulardata.kit.command;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How {@link GroupCommitRecorder} commits events in groups. Earlier names
 * {@code modulardata.security.group-commit.*} still work (see {@link io.modulardata.kit.config.RenamedProperties}).
 */
@ConfigMapping(prefix = "modulardata.group-commit")
public interface GroupCommitConfig {

    /** Most events written by one statement; more wait for the next group. */
    @WithDefault("512")
    int maxEvents();

    /** Groups being written at once (each holds one pooled connection while it is written). */
    @WithDefault("2")
    int maxInFlight();
}
