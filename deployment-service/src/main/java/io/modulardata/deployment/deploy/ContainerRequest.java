package io.modulardata.deployment.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The container part of a deployment request; absent fields take the documented defaults. An environment
 * variable's value is a text or {@code {"secretKeyRef": {"name": …, "key": …}}}; {@code imageDigest}
 * ({@code sha256:…}) pins the image.
 */
public record ContainerRequest(
        String imageName,
        String imageTag,
        String containerName,
        Double cpuCores,
        Double memoryGb,
        Double storageGb,
        Boolean gpuRequired,
        Double gpuMemoryGb,
        Map<String, JsonNode> environmentVariables,
        List<DataVolumeRequest> dataVolumes,
        Integer minReplicas,
        Integer maxReplicas,
        Boolean autoScalingEnabled,
        List<String> scalingMetrics,
        Map<String, JsonNode> securityContext,
        String imageDigest) {
}
