package io.modulardata.security.compliance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.kit.problem.FieldErrors;

/** Turns a tenant's requirements into a framework's effective settings. Plain class. */
public final class ComplianceSettings {

    private ComplianceSettings() {
    }

    /** Effective settings (every setting, in the framework's order); 400 naming each bad requirement. */
    public static Map<String, Object> effective(ComplianceFramework framework, Map<String, JsonNode> requirements) {
        Map<String, JsonNode> given = requirements == null ? Map.of() : requirements;
        FieldErrors errors = new FieldErrors();
        for (String name : given.keySet()) {
            if (framework.settings().stream().noneMatch(s -> s.name().equals(name))) {
                errors.add("requirements." + name, "is not a " + framework.name() + " setting; known: "
                        + String.join(", ", framework.settings().stream().map(Setting::name).toList()));
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting setting : framework.settings()) {
            JsonNode value = given.get(setting.name());
            if (value == null || value.isNull()) {
                settings.put(setting.name(), setting.defaultValue());
                continue;
            }
            try {
                settings.put(setting.name(), setting.read(value));
            } catch (IllegalArgumentException e) {
                errors.add("requirements." + setting.name(), e.getMessage());
            }
        }
        errors.throwIfAny();
        return settings;
    }

    /** Data types whose unencrypted handling this framework's settings forbid (empty when none). */
    @SuppressWarnings("unchecked")
    public static List<String> encryptionRequiredFor(ComplianceFramework framework, Map<String, Object> settings) {
        return framework.encryptionFlag()
                .filter(flag -> Boolean.TRUE.equals(settings.get(flag)))
                .map(flag -> (List<String>) settings.getOrDefault("coveredDataTypes", List.of()))
                .orElse(List.of());
    }
}
