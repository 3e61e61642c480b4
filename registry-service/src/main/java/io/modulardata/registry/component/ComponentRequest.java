package io.modulardata.registry.component;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of POST /components. */
public record ComponentRequest(
        String componentId,
        String componentName,
        String componentVersion,
        List<String> dataProcessingCapabilities,
        List<String> supportedDataFormats,
        Map<String, JsonNode> resourceRequirements,
        ClearanceLevel securityClearanceLevel,
        List<String> complianceCertifications,
        List<String> dependencies,
        Boolean dataLineageTracking,
        List<String> containerImages) {
}
