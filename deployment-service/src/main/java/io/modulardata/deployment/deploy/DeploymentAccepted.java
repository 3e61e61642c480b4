package io.modulardata.deployment.deploy;

import java.util.List;
import java.util.Map;

/** The 202 answer to a deploy request. */
public record DeploymentAccepted(String deploymentId, String status, String targetSlot, List<String> warnings, Map<String, String> links) {
}
