package io.modulardata.registry.component;

import java.util.List;
import java.util.Map;

/**
 * A validated component version, ready to be registered. Resource requirements hold JSON text values.
 * Capabilities and formats are as the request spelled them, because the hash covers them so (as the
 * original platform's did); the events carry them in lowercase. containerImages are the image
 * references a deployment of the version may run (see {@link ImageReferences}).
 */
public record ComponentDefinition(
        String componentId,
        String componentName,
        String componentVersion,
        List<String> dataProcessingCapabilities,
        List<String> supportedDataFormats,
        Map<String, String> resourceRequirements,
        ClearanceLevel securityClearanceLevel,
        List<String> complianceCertifications,
        List<Dependency> dependencies,
        boolean dataLineageTracking,
        List<String> containerImages) {

    public String componentKey() {
        return ComponentKeys.key(componentId, componentVersion);
    }

    public String componentHash() {
        return ComponentKeys.hash(componentId, componentVersion, dataProcessingCapabilities);
    }
}
