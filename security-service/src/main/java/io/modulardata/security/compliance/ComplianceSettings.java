package io.modulardata.security.compliance;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.kit.problem.FieldErrors;

/** Turns a tenant's requirements into a framework's effective settings. Plain class. */
public final class ComplianceSettings {

    private ComplianceSettings() {
    }

    /**
     * Effective settings (every setting, in the framework's order, under our names); 400 naming each bad
     * requirement as the request spelled it. A requirement may use the original platform's snake_case name
     * ({@code retention_days}) instead of ours ({@code retentionDays}), but not both.
     */
    public static Map<String, Object> effective(ComplianceFramework framework, Map<String, JsonNode> requirements) {
        Map<String, JsonNode> given = requirements == null ? Map.of() : requirements;
        FieldErrors errors = new FieldErrors();
        Map<String, String> keyOf = new HashMap<>();
        for (String key : given.keySet()) {
            Optional<Setting> setting = framework.setting(key);
            if (setting.isEmpty()) {
                errors.add("requirements." + key, "is not a " + framework.name() + " setting; known: "
                        + String.join(", ", framework.settings().stream().map(Setting::name).toList())
                        + " (or their snake_case names, such as " + snakeCaseExample(framework) + ")");
                continue;
            }
            String name = setting.get().name();
            String earlier = keyOf.putIfAbsent(name, key);
            if (earlier != null) {
                String otherSpelling = key.equals(name) ? earlier : key;
                errors.add("requirements." + otherSpelling, "is " + name + " given a second time; give each setting once");
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting setting : framework.settings()) {
            String key = keyOf.get(setting.name());
            JsonNode value = key == null ? null : given.get(key);
            if (value == null || value.isNull()) {
                settings.put(setting.name(), setting.defaultValue());
                continue;
            }
            try {
                settings.put(setting.name(), setting.read(value));
            } catch (IllegalArgumentException e) {
                errors.add("requirements." + key, e.getMessage());
            }
        }
        errors.throwIfAny();
        return settings;
    }

    private static String snakeCaseExample(ComplianceFramework framework) {
        return framework.settings().stream().map(Setting::snakeCaseName).filter(name -> name.contains("_")).findFirst()
                .orElseThrow();
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
