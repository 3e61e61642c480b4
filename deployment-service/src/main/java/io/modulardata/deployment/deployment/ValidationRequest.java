package io.modulardata.deployment.deployment;

public record ValidationRequest(Integer readinessTimeoutSeconds, Integer scaleDownDelaySeconds) {
}
