package io.modulardata.registry.component;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.events.ComponentStatus;
import io.modulardata.kit.json.JsonMaps;

/** A component version as the API answers it. */
public record ComponentView(
        String componentKey,
        String componentId,
        String componentName,
        String componentVersion,
        String componentHash,
        List<String> dataProcessingCapabilities,
        List<String> supportedDataFormats,
        Map<String, JsonNode> resourceRequirements,
        ClearanceLevel securityClearanceLevel,
        List<String> complianceCertifications,
        List<String> dependencies,
        boolean dataLineageTracking,
        List<String> containerImages,
        ComponentStatus status,
        long version,
        Instant registeredAt,
        Instant updatedAt) {

    public static ComponentView of(ComponentVersion c) {
        return new ComponentView(c.componentKey, c.componentId, c.componentName, c.componentVersion, c.componentHash,
                c.dataProcessingCapabilities, c.supportedDataFormats,
                requirementsOf(c.resourceRequirements), c.securityClearanceLevel,
                c.complianceCertifications, c.dependencies, c.dataLineageTracking, c.containerImages, c.status, c.version,
                c.registeredAt, c.updatedAt);
    }

    /** The read model's requirements column (one JSON object text) as the API answers it. */
    public static Map<String, JsonNode> requirementsOf(String column) {
        return JsonMaps.fromJsonText(JsonMaps.fromObjectText(column));
    }
}
