package io.modulardata.deployment.deployment;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;

import io.modulardata.events.DataEnvironment;

/** Requests for tests: a minimal one (every default) and a full one (every field). */
public final class DeploymentRequests {

    private DeploymentRequests() {
    }

    public static DeploymentRequest minimal(String componentId, String version, String containerName) {
        return new DeploymentRequest(componentId, version, DataEnvironment.STAGING,
                new ContainerRequest("registry.example.com/data/etl-core", "2.1.0", containerName,
                        null, null, null, null, null, null, null, null, null, null, null, null),
                null);
    }

    public static DeploymentRequest full() {
        Map<String, JsonNode> securityContext = Map.of(
                "runAsNonRoot", BooleanNode.TRUE,
                "runAsUser", LongNode.valueOf(1000),
                "readOnlyRootFilesystem", BooleanNode.TRUE);
        return new DeploymentRequest("etl-core", "2.1.0", DataEnvironment.STAGING,
                new ContainerRequest("registry.example.com/data/etl-core", "2.1.0", "etl",
                        0.5, 4.0, 20.0, false, null,
                        Map.of("LOG_LEVEL", "info", "BATCH_SIZE", "500"),
                        List.of(new DataVolumeRequest("input", "/data/input", true, "persistent", "acme-input"),
                                new DataVolumeRequest("scratch", "/scratch", false, "ephemeral", null)),
                        2, 8, true, List.of("cpu", "memory", "data_throughput"), securityContext),
                new ValidationRequest(120, 60));
    }
}
