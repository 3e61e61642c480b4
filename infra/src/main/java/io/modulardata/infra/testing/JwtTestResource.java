package io.modulardata.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes the service under test trust the key of {@link TestTokens}, given as a file, the way production
 * configures it ({@code MDP_JWT_PUBLIC_KEY_LOCATION}): to the services as {@code modulardata.jwt.*}, to the console
 * (smallrye-jwt) as {@code mp.jwt.*}, inline too, as that replaces the throw-away key pair smallrye-jwt makes in
 * test mode when no key is known at build time.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path pem = Files.createTempFile("mdp-test-jwt", ".pem");
            pem.toFile().deleteOnExit();
            Files.writeString(pem, TestTokens.publicKeyPem());
            return Map.of(
                    "modulardata.jwt.public-key-location", pem.toUri().toString(),
                    "modulardata.jwt.issuer", TestTokens.ISSUER,
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
