package io.modulardata.console.support;

import java.util.List;
import java.util.Map;

import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.fixtures.KeycloakTestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The console signing users in through a real Keycloak (infra's {@link KeycloakTestServer}, one per test JVM:
 * a start costs tens of seconds), as {@code MDP_OIDC_ISSUER} makes it; platform tokens still sign in beside it.
 */
public class OrganisationSignOnProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Keycloak.class));
    }

    public static KeycloakTestServer keycloak() {
        return KeycloakTestServer.shared();
    }

    public static class Keycloak implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("MDP_OIDC_ISSUER", keycloak().issuer(KeycloakServer.REALM));
        }

        @Override
        public void stop() {
            // Shared by the JVM's tests; its shutdown hook stops it.
        }
    }
}
