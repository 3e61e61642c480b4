package io.modulardata.deployment.deploy;

import io.modulardata.events.EnvironmentVariableName;

/**
 * One environment variable of a container: a literal {@code value}, or a key of a Kubernetes Secret in
 * the tenant namespace ({@code secretName}, {@code secretKey}). Only its name, and which of the two it
 * is, ever goes into an event.
 */
public record EnvironmentVariable(String name, String value, String secretName, String secretKey) {

    public static EnvironmentVariable literal(String name, String value) {
        return new EnvironmentVariable(name, value, null, null);
    }

    public static EnvironmentVariable fromSecret(String name, String secretName, String secretKey) {
        return new EnvironmentVariable(name, null, secretName, secretKey);
    }

    public boolean isSecretReference() {
        return secretName != null;
    }

    /** What the events record of it. */
    public EnvironmentVariableName toEventName() {
        return EnvironmentVariableName.newBuilder().setName(name).setSecretReference(isSecretReference()).build();
    }
}
