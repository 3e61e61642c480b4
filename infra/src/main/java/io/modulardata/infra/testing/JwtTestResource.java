package io.modulardata.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes the service under test trust the key of {@link TestTokens}, given both as a file (the way
 * production configures it) and inline: the inline key also replaces the throw-away key pair
 * smallrye-jwt makes in test mode when no key is known at build time.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path pem = Files.createTempFile("mdp-test-jwt", ".pem");
            pem.toFile().deleteOnExit();
            Files.writeString(pem, TestTokens.publicKeyPem());
            return Map.of(
                    "mp.jwt.verify.publickey.location", pem.toUri().toString(),
                    "mp.jwt.verify.publickey", TestTokens.publicKeyPem(),
                    "mp.jwt.verify.issuer", TestTokens.ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The key file goes when the JVM exits.
    }
}
