package io.modulardata.security.compliance;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.kit.json.EnumSpellings;

/** One compliance setting: name, default, and how a requirement value is checked. Plain class. */
public record Setting(String name, Kind kind, Object defaultValue, List<String> choices) {

    public enum Kind { FIXED_TRUE, FLAG, POSITIVE, CHOICE, TEXTS }

    static Setting fixedTrue(String name) {
        return new Setting(name, Kind.FIXED_TRUE, true, List.of());
    }

    static Setting flag(String name, boolean defaultValue) {
        return new Setting(name, Kind.FLAG, defaultValue, List.of());
    }

    static Setting positive(String name, int defaultValue) {
        return new Setting(name, Kind.POSITIVE, defaultValue, List.of());
    }

    static Setting choice(String name, String defaultValue, List<String> choices) {
        return new Setting(name, Kind.CHOICE, defaultValue, choices);
    }

    static Setting texts(String name, List<String> defaultValue) {
        return new Setting(name, Kind.TEXTS, defaultValue, List.of());
    }

    /** The name as the original platform writes it: {@code auditRetentionMonths} is {@code audit_retention_months}. */
    public String snakeCaseName() {
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    /** The value of a requirement, or throws IllegalArgumentException with what is wrong (no echo of the value). */
    Object read(JsonNode value) {
        switch (kind) {
            case FIXED_TRUE -> {
                if (!value.isBoolean() || !value.booleanValue()) {
                    throw new IllegalArgumentException("is always required (true)");
                }
                return true;
            }
            case FLAG -> {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException("must be true or false");
                }
                return value.booleanValue();
            }
            case POSITIVE -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
                    throw new IllegalArgumentException("must be a whole number greater than 0");
                }
                return value.intValue();
            }
            case CHOICE -> {
                // Any letter case and '-', '_' or ' ' between words; stored as the choice is listed.
                return EnumSpellings.canonical(value.isTextual() ? value.textValue() : null, choices).orElseThrow(
                        () -> new IllegalArgumentException("must be one of " + String.join(", ", choices)));
            }
            default -> {
                if (!value.isArray()) {
                    throw new IllegalArgumentException("must be a list of texts");
                }
                List<String> texts = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > 128) {
                        throw new IllegalArgumentException("must be a list of non-blank texts of at most 128 characters");
                    }
                    texts.add(item.textValue());
                }
                return List.copyOf(texts);
            }
        }
    }
}
