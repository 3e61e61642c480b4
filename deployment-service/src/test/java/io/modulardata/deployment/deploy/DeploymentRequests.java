package io.modulardata.deployment.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.modulardata.events.DataEnvironment;

/** Requests for tests: a minimal one (every default) and a full one (every field). */
public final class DeploymentRequests {

    private DeploymentRequests() {
    }

    public static DeploymentRequest minimal(String componentId, String version, String containerName) {
        return new DeploymentRequest(componentId, version, DataEnvironment.STAGING,
                new ContainerRequest("registry.example.com/data/etl-core", "2.1.0", containerName,
                        null, null, null, null, null, null, null, null, null, null, null, null, null),
                null);
    }

    /** {@code {"secretKeyRef": {"name": secret, "key": key}}} */
    public static JsonNode secretKeyRef(String secret, String key) {
        var ref = JsonNodeFactory.instance.objectNode();
        ref.putObject("secretKeyRef").put("name", secret).put("key", key);
        return ref;
    }

    public static DeploymentRequest full() {
        Map<String, JsonNode> securityContext = Map.of(
                "runAsNonRoot", BooleanNode.TRUE,
                "runAsUser", LongNode.valueOf(1000),
                "readOnlyRootFilesystem", BooleanNode.TRUE,
                "capabilities", JsonNodeFactory.instance.objectNode().set("add", JsonNodeFactory.instance.arrayNode().add("NET_BIND_SERVICE")));
        return new DeploymentRequest("etl-core", "2.1.0", DataEnvironment.STAGING,
                new ContainerRequest("registry.example.com/data/etl-core", "2.1.0", "etl",
                        0.5, 4.0, 20.0, false, null,
                        Map.of("LOG_LEVEL", TextNode.valueOf("info"), "BATCH_SIZE", TextNode.valueOf("500"),
                                "DB_PASSWORD", secretKeyRef("acme-db", "password")),
                        List.of(new DataVolumeRequest("input", "/data/input", true, "persistent", "acme-input"),
                                new DataVolumeRequest("scratch", "/scratch", false, "ephemeral", null)),
                        2, 8, true, List.of("cpu", "memory", "data_throughput"), securityContext, null),
                new ValidationRequest(120, 60));
    }
}
