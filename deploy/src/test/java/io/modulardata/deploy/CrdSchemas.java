package io.modulardata.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operators' published CRDs (src/test/resources/crds, see its README) as JSON Schemas. The structural
 * schema of each served version is checked as Kubernetes reads it, with one addition: an object that lists its
 * properties and does not say {@code x-kubernetes-preserve-unknown-fields} admits no other property, because
 * the API server would silently prune one (a misspelt field would be lost, not refused). The top level stays
 * open: Kubernetes admits apiVersion, kind and metadata there whether the schema lists them or not.
 */
final class CrdSchemas {

    static final List<String> FILES = List.of(
            "strimzi-1.2.0-kafkas.yaml", "strimzi-1.2.0-kafkanodepools.yaml", "strimzi-1.2.0-kafkatopics.yaml",
            "apicurio-registry-operator-3.3.1-apicurioregistries3.yaml",
            "cnpg-1.30.0-clusters.yaml", "cnpg-1.30.0-databases.yaml", "cnpg-1.30.0-scheduledbackups.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final Map<String, CustomResourceDefinition> BY_KIND = FILES.stream()
            .map(CrdSchemas::load)
            .collect(Collectors.toMap(crd -> key(crd.getSpec().getGroup(), crd.getSpec().getNames().getKind()), Function.identity()));

    private CrdSchemas() {
    }

    static List<CustomResourceDefinition> all() {
        return List.copyOf(BY_KIND.values());
    }

    static Optional<CustomResourceDefinition> forResource(GenericKubernetesResource resource) {
        return Optional.ofNullable(BY_KIND.get(key(resource.getApiVersion().split("/")[0], resource.getKind())));
    }

    /** The schema's complaints about {@code resource}; empty when it is valid. */
    static List<String> validate(GenericKubernetesResource resource) {
        CustomResourceDefinition crd = forResource(resource)
                .orElseThrow(() -> new AssertionError("no CRD for " + resource.getApiVersion() + " " + resource.getKind()));
        String version = resource.getApiVersion().split("/")[1];
        CustomResourceDefinitionVersion served = crd.getSpec().getVersions().stream()
                .filter(candidate -> candidate.getName().equals(version) && candidate.getServed())
                .findFirst()
                .orElseThrow(() -> new AssertionError(crd.getMetadata().getName() + " serves no version " + version));
        ObjectNode schema = JSON.valueToTree(served.getSchema().getOpenAPIV3Schema());
        // apiVersion, kind and metadata are always allowed at the top, listed or not.
        schema.path("properties").forEach(CrdSchemas::closed);
        JsonSchema validator = FACTORY.getSchema(schema);
        JsonNode document = JSON.valueToTree(Manifests.SERIALIZATION.convertValue(resource, Map.class));
        return validator.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonNode closed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> closed(field.getValue()));
            boolean preserves = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (object.has("properties") && !object.has("additionalProperties") && !preserves) {
                object.put("additionalProperties", false);
            }
        } else if (node != null && node.isArray()) {
            node.forEach(CrdSchemas::closed);
        }
        return node;
    }

    private static CustomResourceDefinition load(String file) {
        try (InputStream in = CrdSchemas.class.getResourceAsStream("/crds/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource crds/" + file);
            }
            return Manifests.SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String group, String kind) {
        return group + "/" + kind;
    }
}
