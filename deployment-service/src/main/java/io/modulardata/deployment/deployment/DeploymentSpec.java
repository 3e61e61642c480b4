package io.modulardata.deployment.deployment;

import io.modulardata.events.ContainerSpec;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.ValidationSpec;

/** A validated deployment request with every default filled in, in the event's own types. */
public record DeploymentSpec(
        String componentId,
        String componentVersion,
        DataEnvironment environment,
        ContainerSpec container,
        ValidationSpec validation) {

    public String componentKey() {
        return componentId + "-" + componentVersion;
    }
}
