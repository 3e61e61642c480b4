package io.modulardata.deployment.manifest;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.SecurityContext;

/**
 * A container's securityContext as a request gives it: the fields of the Kubernetes
 * {@code SecurityContext}, each a JSON value (kept as JSON text in the events). {@code privileged: true}
 * is refused: tenants share the cluster.
 */
public final class SecurityContexts {

    public static final List<String> FIELDS = List.of("allowPrivilegeEscalation", "appArmorProfile", "capabilities",
            "privileged", "procMount", "readOnlyRootFilesystem", "runAsGroup", "runAsNonRoot", "runAsUser",
            "seLinuxOptions", "seccompProfile");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SecurityContexts() {
    }

    /** What is wrong with one field, if anything. */
    public static Optional<String> problemWith(String field, JsonNode value) {
        if (!FIELDS.contains(field)) {
            return Optional.of("is not a securityContext field (one of " + FIELDS + ")");
        }
        if (value == null || value.isNull()) {
            return Optional.of("is required");
        }
        if ("privileged".equals(field) && value.asBoolean(false)) {
            return Optional.of("privileged containers are not allowed");
        }
        ObjectNode single = JsonNodeFactory.instance.objectNode().set(field, value);
        try {
            SecurityContext parsed = MAPPER.treeToValue(single, SecurityContext.class);
            if (!parsed.getAdditionalProperties().isEmpty()) {
                return Optional.of("has unknown fields " + parsed.getAdditionalProperties().keySet());
            }
            return Optional.empty();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.of("is not a valid Kubernetes securityContext." + field);
        }
    }

    /** The Kubernetes object from the event's JSON texts; null when none is given. */
    public static SecurityContext fromJsonText(Map<String, String> texts) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        try {
            for (var entry : texts.entrySet()) {
                object.set(entry.getKey(), MAPPER.readTree(entry.getValue()));
            }
            return MAPPER.treeToValue(object, SecurityContext.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Stored securityContext is not valid JSON", e);
        }
    }
}
