package io.modulardata.security.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.modulardata.security.SecurityConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Produces the master key from configuration: {@code MDP_MASTER_KEY} (the value) or
 * {@code MDP_MASTER_KEY_FILE} (a file holding it, e.g. a mounted Kubernetes secret). Without
 * one the service does not start: a generated key would make every stored tenant key unreadable
 * after the next restart.
 */
@ApplicationScoped
public class MasterKeyProvider {

    /** Resolves the key at start-up, so a missing or malformed key stops the service at once, not at the first request. */
    void checkAtStartup(@Observes StartupEvent startup, MasterKey masterKey) {
        // injecting the key is the check
    }

    @Produces
    @Singleton
    MasterKey masterKey(SecurityConfig config) {
        if (config.masterKey().isPresent()) {
            return MasterKey.parse(config.masterKey().get());
        }
        if (config.masterKeyFile().isPresent()) {
            Path file = Path.of(config.masterKeyFile().get());
            try {
                return MasterKey.parse(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the master key file " + file, e);
            }
        }
        throw new IllegalStateException("No master key: set MDP_MASTER_KEY (base64 of 32 random bytes) "
                + "or MDP_MASTER_KEY_FILE (a file holding it)");
    }
}
