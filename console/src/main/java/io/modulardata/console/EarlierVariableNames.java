package io.modulardata.console;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The console reads the variables the services read under their MDP_ names, and (through nested defaults in
 * application.properties) under the names of the earlier release for one more release. Like the services, it
 * says so at start when an earlier name is set (the console has no service-kit, which does this for them).
 */
@Singleton
class EarlierVariableNames {

    /** Earlier name -> its MDP_ name. */
    static final Map<String, String> RENAMED = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "MDP_KAFKA_BOOTSTRAP_SERVERS",
            "APICURIO_REGISTRY_URL", "MDP_APICURIO_REGISTRY_URL",
            "JWT_PUBLIC_KEY_LOCATION", "MDP_JWT_PUBLIC_KEY_LOCATION",
            "JWT_ISSUER", "MDP_JWT_ISSUER");

    void warn(@Observes StartupEvent started) {
        Map<String, String> environment = System.getenv();
        RENAMED.forEach((earlier, current) -> {
            if (environment.containsKey(earlier) && !environment.containsKey(current)) {
                Log.warnf("The environment variable %s is deprecated and will be removed in the next release: set %s instead",
                        earlier, current);
            }
        });
    }
}
