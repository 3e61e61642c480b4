package io.modulardata.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.fixtures.KeycloakTestServer;

/**
 * One {@code infra/platform up} trusting a real Keycloak ({@link KeycloakTestServer#shared()}) beside the local
 * signer, shared by {@link #USERS}. Settings that suit both:
 * <ul>
 *   <li>no clock skew, so that an expired token is refused without waiting out the default 30 s;</li>
 *   <li>Deployments of the emulated cluster get ready after {@link #READY_DELAY}, so that a rollout's page is
 *       open before its first phase.</li>
 * </ul>
 * The console's rollouts run first: {@code KeycloakIdentityIT} ends by rotating the realm's signing key.
 */
final class KeycloakPlatform extends SharedPlatformExtension {

    static final List<Class<?>> USERS = List.of(ConsoleBrowserIT.class, KeycloakIdentityIT.class);
    static final Duration READY_DELAY = Duration.ofSeconds(8);

    @Override
    List<Class<?>> users() {
        return USERS;
    }

    @Override
    PlatformProcess start(Path dataDir) throws Exception {
        return PlatformProcess.start(dataDir, Map.of(
                "MDP_OIDC_ISSUER", KeycloakTestServer.shared().issuer(KeycloakServer.REALM),
                "MDP_OIDC_CLOCK_SKEW", "0s",
                "MDP_KUBERNETES_READY_DELAY", READY_DELAY.toSeconds() + "s"));
    }
}
