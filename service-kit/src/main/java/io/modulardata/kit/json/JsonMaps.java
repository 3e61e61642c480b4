package io.modulardata.kit.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Free-form JSON objects (custom limits, resource requirements) travel in events as Avro
 * {@code map<string>} whose values are JSON text; this converts between that form, the API's
 * JSON values and a read model's JSON column.
 */
public final class JsonMaps {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonMaps() {
    }

    /** API values to event form; keys sorted so equal objects give equal events. */
    public static Map<String, String> toJsonText(Map<String, JsonNode> values) {
        Map<String, String> texts = new TreeMap<>();
        if (values != null) {
            values.forEach((key, value) -> texts.put(key, value == null ? "null" : value.toString()));
        }
        return texts;
    }

    /** Event form back to API values. */
    public static Map<String, JsonNode> fromJsonText(Map<String, String> texts) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        texts.forEach((key, text) -> values.put(key, parse(text)));
        return values;
    }

    /** Event form to one JSON object text, for a read-model column. */
    public static String toObjectText(Map<String, String> texts) {
        ObjectNode object = MAPPER.createObjectNode();
        new TreeMap<>(texts).forEach((key, text) -> object.set(key, parse(text)));
        return object.toString();
    }

    /** A read-model JSON column back to event form. */
    public static Map<String, String> fromObjectText(String objectText) {
        Map<String, String> texts = new TreeMap<>();
        parse(objectText).fields().forEachRemaining(field -> texts.put(field.getKey(), field.getValue().toString()));
        return texts;
    }

    private static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Stored value is not JSON", e);
        }
    }
}
