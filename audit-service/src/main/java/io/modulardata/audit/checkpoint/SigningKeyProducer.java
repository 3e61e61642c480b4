package io.modulardata.audit.checkpoint;

import java.nio.file.Path;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.modulardata.audit.AuditConfig;
import io.quarkus.logging.Log;

/** The service's checkpoint signing key, read from (or, the first time, written to) the configured file. */
public class SigningKeyProducer {

    @Produces
    @Singleton
    SigningKey signingKey(AuditConfig config) {
        Path file = Path.of(config.signingKeyFile());
        boolean existed = file.toFile().exists();
        SigningKey key = SigningKey.loadOrCreate(file);
        if (!existed) {
            Log.warnf("No checkpoint signing key at %s: generated a new Ed25519 key %s there", file.toAbsolutePath(), key.keyId());
        }
        return key;
    }
}
