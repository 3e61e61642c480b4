package io.modulardata.deployment.deploy;

import java.util.List;

import io.modulardata.events.ContainerSpec;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.ValidationSpec;

/**
 * A validated deployment request with every default filled in, in the event's own types. The container
 * spec names the environment variables; their values are in {@code environmentVariables}, which never goes into
 * an event.
 */
public record DeploymentSpec(
        String componentId,
        String componentVersion,
        DataEnvironment environment,
        ContainerSpec container,
        ValidationSpec validation,
        List<EnvironmentVariable> environmentVariables) {

    public String componentKey() {
        return componentId + "-" + componentVersion;
    }
}
