package io.modulardata.infra.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Options added to every JVM the platform starts (Kafka, Apicurio Registry, Keycloak, the services, the Kubernetes
 * emulation), from {@value #VARIABLE}, space-separated. The test suite sets {@code -XX:TieredStopAtLevel=1}: its
 * servers and services live for seconds to minutes on two cores, where C1 alone compiles far less than C1 and C2
 * together (a whole platform start: 92 CPU seconds with both, 58 with C1 alone; see infra/README.md). Empty by
 * default: a platform that runs for days wants C2's code.
 */
public record ExtraJvmOptions(List<String> options) {

    public static final String VARIABLE = "MDP_JVM_OPTIONS";

    public ExtraJvmOptions {
        options = List.copyOf(options);
        for (String option : options) {
            if (!option.startsWith("-")) {
                throw new IllegalArgumentException(VARIABLE + " holds '" + option
                        + "', which is not a JVM option (each starts with '-', separated by spaces)");
            }
        }
    }

    /** From this process's environment. */
    public static ExtraJvmOptions fromEnvironment() {
        return from(System.getenv());
    }

    static ExtraJvmOptions from(Map<String, String> environment) {
        String value = environment.getOrDefault(VARIABLE, "").trim();
        return new ExtraJvmOptions(value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+")));
    }

    /** For a launcher that reads its JVM options from one variable, as Keycloak's kc.sh reads JAVA_OPTS_APPEND. */
    public String joined() {
        return String.join(" ", options);
    }
}
