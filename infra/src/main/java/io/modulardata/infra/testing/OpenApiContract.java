package io.modulardata.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API contract every service's OpenAPI document ({@code /q/openapi?format=json}) keeps, checked
 * the same way in every service's test (service-kit/docs/openapi.md): every operation has a summary
 * and a success (2xx) response; a secured operation lists 401 and 403; every 4xx/5xx response it lists (directly or through a
 * {@code $ref} to {@code components/responses}) is {@code application/problem+json} and nothing else.
 * Returns what breaks it, one line per operation and fault, so a test failure names them all.
 */
public final class OpenApiContract {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final String RESPONSE_REF_PREFIX = "#/components/responses/";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiContract() {
    }

    /** Every fault of the document against the whole contract (an API that answers problem+json). */
    public static List<String> violations(String openApiJson) {
        JsonNode document = parse(openApiJson);
        List<String> faults = new ArrayList<>();
        forEachOperation(document, (name, operation) -> {
            summary(name, operation, faults);
            problemResponses(document, name, operation, faults);
        });
        return faults;
    }

    /** Only the summaries: for an application whose answers are pages, not problem+json (the console). */
    public static List<String> missingSummaries(String openApiJson) {
        List<String> faults = new ArrayList<>();
        forEachOperation(parse(openApiJson), (name, operation) -> summary(name, operation, faults));
        return faults;
    }

    /** "METHOD /path" of every operation in the document. */
    public static List<String> operations(String openApiJson) {
        List<String> names = new ArrayList<>();
        forEachOperation(parse(openApiJson), (name, operation) -> names.add(name));
        return names;
    }

    private static void summary(String name, JsonNode operation, List<String> faults) {
        if (operation.path("summary").asText("").isBlank()) {
            faults.add(name + ": no summary");
        }
    }

    private static void problemResponses(JsonNode document, String name, JsonNode operation, List<String> faults) {
        JsonNode responses = operation.path("responses");
        List<String> codes = new ArrayList<>();
        responses.fieldNames().forEachRemaining(codes::add);
        if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
            faults.add(name + ": no success (2xx) response");
        }
        boolean secured = operation.path("security").size() > 0;
        if (secured) {
            for (String code : List.of("401", "403")) {
                if (!responses.has(code)) {
                    faults.add(name + ": secured but does not list " + code);
                }
            }
        }
        responses.fields().forEachRemaining(entry -> {
            String code = entry.getKey();
            if (!code.startsWith("4") && !code.startsWith("5")) {
                return;
            }
            JsonNode response = resolve(document, entry.getValue());
            if (response == null) {
                faults.add(name + ": " + code + " refers to " + entry.getValue().path("$ref").asText() + ", which is not defined");
                return;
            }
            List<String> types = new ArrayList<>();
            response.path("content").fieldNames().forEachRemaining(types::add);
            if (!types.equals(List.of(PROBLEM_JSON))) {
                faults.add(name + ": " + code + " answers " + (types.isEmpty() ? "no content" : types) + ", not " + PROBLEM_JSON);
            }
        });
    }

    /** The response itself, or the one its {@code $ref} names; null when the reference leads nowhere. */
    private static JsonNode resolve(JsonNode document, JsonNode response) {
        String ref = response.path("$ref").asText(null);
        if (ref == null) {
            return response;
        }
        if (!ref.startsWith(RESPONSE_REF_PREFIX)) {
            return null;
        }
        JsonNode target = document.path("components").path("responses").path(ref.substring(RESPONSE_REF_PREFIX.length()));
        return target.isMissingNode() ? null : target;
    }

    private static void forEachOperation(JsonNode document, BiConsumer<String, JsonNode> action) {
        document.path("paths").fields().forEachRemaining((Map.Entry<String, JsonNode> path) -> {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    action.accept(method.toUpperCase() + " " + path.getKey(), operation);
                }
            }
        });
    }

    private static JsonNode parse(String openApiJson) {
        try {
            return JSON.readTree(openApiJson);
        } catch (IOException e) {
            throw new UncheckedIOException("Not an OpenAPI JSON document", e);
        }
    }
}
