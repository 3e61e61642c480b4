package io.modulardata.security.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the service under test a random master key, made once per JVM (kept in a system property, as
 * Quarkus loads test classes in more than one class loader). Nothing secret is checked in.
 */
public class MasterKeyTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PROPERTY = "modulardata.test.master-key";

    @Override
    public Map<String, String> start() {
        synchronized (System.getProperties()) {
            if (System.getProperty(PROPERTY) == null) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                System.setProperty(PROPERTY, Base64.getUrlEncoder().encodeToString(key));
            }
        }
        return Map.of("modulardata.security.master-key", System.getProperty(PROPERTY));
    }

    @Override
    public void stop() {
    }
}
