package io.modulardata.systemtests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The hostile bodies for one endpoint: its sample body broken in every way the battery knows. */
final class BodyBattery {

    /** One hostile body, the statuses it may answer, and the field a 400 must name (null: any). */
    record Case(String name, byte[] body, String contentType, Set<Integer> allowed, String field) {
    }

    /** service-kit/README.md: malformed JSON, wrong types, unknown enum values or fields, missing fields -> 400 naming the field. */
    static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOLE = "__HOSTILE_VALUE__";
    /** Over the 256 KiB body limit every service has (service-kit/README.md: a body over 256 KiB → 413). */
    private static final int OVER_LIMIT_FIELD = 300 * 1024;
    private static final int TEN_MB = 10 * 1024 * 1024;

    private BodyBattery() {
    }

    static List<Case> of(Endpoint endpoint, String sample) {
        List<Case> cases = new ArrayList<>();
        structural(endpoint, sample, cases);
        for (BodyField field : endpoint.fields) {
            fieldCases(sample, field, cases);
        }
        for (Endpoint.Refused refused : endpoint.refused) {
            String body = sample;
            for (Map.Entry<String, String> change : refused.changes().entrySet()) {
                body = with(body, change.getKey(), change.getValue());
            }
            json(cases, refused.name(), body, refused.allowed(), refused.field());
        }
        for (Endpoint.Forgery forgery : endpoint.forgeries) {
            json(cases, forgery.name(), with(sample, forgery.path(), forgery.rawValue()), Set.of(forgery.status()), forgery.field());
        }
        return cases;
    }

    private static void structural(Endpoint endpoint, String sample, List<Case> cases) {
        json(cases, "not JSON", "this is not json", BAD_REQUEST, null);
        json(cases, "truncated JSON", sample.substring(0, sample.length() - 1), BAD_REQUEST, null);
        json(cases, "trailing garbage", sample + " }", BAD_REQUEST, null);
        json(cases, "array instead of object", "[" + sample + "]", BAD_REQUEST, null);
        json(cases, "empty array", "[]", BAD_REQUEST, null);
        json(cases, "number instead of object", "42", BAD_REQUEST, null);
        json(cases, "string instead of object", "\"x\"", BAD_REQUEST, null);
        json(cases, "boolean instead of object", "true", BAD_REQUEST, null);
        if (!endpoint.bodyOptional) {
            json(cases, "JSON null", "null", BAD_REQUEST, null);
            json(cases, "empty body", "", BAD_REQUEST, null);
        }
        json(cases, "unknown field", "{\"hostileExtra\": 1, " + sample.strip().substring(1), BAD_REQUEST, "hostileExtra");
        String first = firstField(sample);
        json(cases, "duplicate key", "{\"" + first + "\": " + valueOf(sample, first) + ", " + sample.strip().substring(1),
                BAD_REQUEST, null);
        json(cases, "nested 5,000 deep", "{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}", BAD_REQUEST, null);
        byte[] invalidUtf8 = {'{', '"', (byte) first.charAt(0), '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        cases.add(new Case("invalid UTF-8", invalidUtf8, HttpCalls.JSON, BAD_REQUEST, null));
        cases.add(new Case("text/plain content type", bytes(sample), "text/plain", Set.of(415), null));
        cases.add(new Case("XML content type", bytes("<tenant/>"), "application/xml", Set.of(415), null));
        json(cases, "300 KB field", with(sample, first, HostileValues.quote("x".repeat(OVER_LIMIT_FIELD))), Set.of(413), null);
        json(cases, "10 MB body", with(sample, first, HostileValues.quote("x".repeat(TEN_MB))), Set.of(413), null);
    }

    private static void fieldCases(String sample, BodyField field, List<Case> cases) {
        String leaf = field.leafName();
        HostileValues.wrongTypes(field.jsonType()).forEach((name, value) ->
                json(cases, field.path() + ": " + name, with(sample, field.path(), value), BAD_REQUEST, leaf));
        if (field.required()) {
            json(cases, field.path() + ": null", with(sample, field.path(), "null"), BAD_REQUEST, leaf);
            json(cases, field.path() + ": missing", with(sample, field.path(), null), BAD_REQUEST, leaf);
        }
        Map<String, String> values = switch (field.values()) {
            case TYPE_ONLY -> Map.of();
            case PATTERNED -> HostileValues.idJson();
            case TEXT -> HostileValues.textJson();
            case COUNT -> HostileValues.badIntegers();
            case LONG_COUNT -> HostileValues.badLongs();
            case AMOUNT -> HostileValues.badDecimals();
            case PATTERNED_LIST -> listElements();
            case CAPPED -> HostileValues.cappedJson();
            case ADDRESS -> HostileValues.addressJson();
            case CIDR_LIST -> HostileValues.cidrListJson();
        };
        values.forEach((name, value) -> json(cases, field.path() + ": " + name, with(sample, field.path(), value), BAD_REQUEST, leaf));
    }

    private static Map<String, String> listElements() {
        Map<String, String> elements = new java.util.LinkedHashMap<>();
        HostileValues.idJson().forEach((name, value) -> elements.put("element " + name, "[" + value + "]"));
        elements.put("null element", "[null]");
        elements.put("number element", "[5]");
        elements.put("object element", "[{}]");
        return elements;
    }

    /** The sample with the field at {@code path} set to raw JSON {@code rawValue}, or removed when it is null. */
    static String with(String sample, String path, String rawValue) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(sample);
            String[] steps = path.split("\\.");
            JsonNode parent = root;
            for (int i = 0; i < steps.length - 1; i++) {
                parent = step(parent, steps[i]);
            }
            String last = steps[steps.length - 1];
            if (last.contains("[")) {
                parent = parent.get(last.substring(0, last.indexOf('[')));
                int index = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.indexOf(']')));
                if (rawValue == null) {
                    ((ArrayNode) parent).remove(index);
                } else {
                    ((ArrayNode) parent).set(index, HOLE);
                }
            } else if (rawValue == null) {
                ((ObjectNode) parent).remove(last);
            } else {
                ((ObjectNode) parent).put(last, HOLE);
            }
            String text = JSON.writeValueAsString(root);
            return rawValue == null ? text : text.replace("\"" + HOLE + "\"", rawValue);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sample body is not JSON: " + sample, e);
        }
    }

    private static JsonNode step(JsonNode node, String step) {
        int bracket = step.indexOf('[');
        if (bracket < 0) {
            return node.get(step);
        }
        int index = Integer.parseInt(step.substring(bracket + 1, step.indexOf(']')));
        return node.get(step.substring(0, bracket)).get(index);
    }

    private static String firstField(String sample) {
        try {
            return JSON.readTree(sample).fieldNames().next();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String valueOf(String sample, String field) {
        try {
            return JSON.writeValueAsString(JSON.readTree(sample).get(field));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void json(List<Case> cases, String name, String body, Set<Integer> allowed, String field) {
        cases.add(new Case(name, bytes(body), HttpCalls.JSON, allowed, field));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
