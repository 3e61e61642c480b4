package io.modulardata.security;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** security-service settings (see application.properties and security-service/README.md). */
@ConfigMapping(prefix = "modulardata.security")
public interface SecurityConfig {

    /** Base64 of the 32-byte master key. */
    Optional<String> masterKey();

    /** A file holding the master key, used when {@link #masterKey()} is not set. */
    Optional<String> masterKeyFile();

    /** How long a tenant's primary key version is used without reading it again (see PrimaryVersions). */
    @WithDefault("1s")
    Duration primaryVersionCache();
}
