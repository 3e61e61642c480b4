package io.modulardata.deployment.deploy;

import io.modulardata.events.DataEnvironment;

/** Body of {@code POST /tenants/{tenantId}/deployments} and of the preview. */
public record DeploymentRequest(
        String componentId,
        String componentVersion,
        DataEnvironment environment,
        ContainerRequest container,
        ValidationRequest validation) {
}
