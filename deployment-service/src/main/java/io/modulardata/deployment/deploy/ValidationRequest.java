package io.modulardata.deployment.deploy;

public record ValidationRequest(Integer readinessTimeoutSeconds, Integer scaleDownDelaySeconds) {
}
