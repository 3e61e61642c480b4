package io.modulardata.security.subjects;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two lives of security-service over the same database: a profile change makes Quarkus stop the application and
 * start a fresh one, and Quarkus runs test classes grouped by profile name (FirstLife before SecondLife). What
 * the first life erased is handed to the second in system properties (one JVM, several class loaders).
 */
final class ErasureRestart {

    static final String TENANT = "modulardata.test.erasure.tenant";
    static final String SHREDDED = "modulardata.test.erasure.shredded";
    static final String KEPT = "modulardata.test.erasure.kept";
    static final String OFFBOARDED_TENANT = "modulardata.test.erasure.offboarded-tenant";
    static final String OFFBOARDED_PAYLOAD = "modulardata.test.erasure.offboarded-payload";

    private ErasureRestart() {
    }

    public static class FirstLife implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modulardata.test.life", "first");
        }
    }

    public static class SecondLife implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modulardata.test.life", "second");
        }
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new AssertionError("Run ErasureFirstLifeTest with this class (-Dtest='Erasure*LifeTest'): "
                    + "Quarkus orders FirstLife before SecondLife");
        }
        return value;
    }
}
