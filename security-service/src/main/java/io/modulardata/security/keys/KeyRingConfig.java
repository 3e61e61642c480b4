package io.modulardata.security.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Key-ring limits (security-service/README.md). */
@ConfigMapping(prefix = "modulardata.security.keys")
public interface KeyRingConfig {

    /**
     * How many key versions of a tenant may decrypt at once (minDecryptionVersion up to the primary).
     * Fernet tokens do not say which version made them, so decrypt may try each of them, newest first; a
     * rotation or import beyond the limit answers 409 until minDecryptionVersion is raised.
     */
    @WithDefault("10")
    int maxDecryptableVersions();
}
