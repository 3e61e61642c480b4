package io.modulardata.registry.component;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.kit.json.JsonMaps;
import io.modulardata.kit.problem.FieldErrors;

/** Checks a component registration field by field and turns it into a {@link ComponentDefinition}. */
public final class ComponentValidator {

    /** Component ids become Kubernetes label values, so they are lowercase DNS labels without dots. */
    public static final Pattern COMPONENT_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?");
    /** A capability or data format, in any letter case (stored in lowercase, see {@link CatalogueTerms}). */
    static final Pattern TERM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final Pattern CERTIFICATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final Pattern REQUIREMENT_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final int MAX_LIST_SIZE = 50;
    static final int MAX_REQUIREMENT_VALUE_LENGTH = 1024;

    private ComponentValidator() {
    }

    public static ComponentDefinition validate(ComponentRequest request) {
        FieldErrors errors = new FieldErrors();
        errors.text("componentId", request.componentId(), 48, COMPONENT_ID,
                        "1 to 48 lowercase letters, digits or '-', starting and ending with a letter or digit")
                .text("componentName", request.componentName(), 200, null, null)
                .required("securityClearanceLevel", request.securityClearanceLevel());
        checkVersion("componentVersion", request.componentVersion(), errors);
        checkTerms("dataProcessingCapabilities", request.dataProcessingCapabilities(), true, TERM, errors);
        checkTerms("supportedDataFormats", request.supportedDataFormats(), true, TERM, errors);
        checkTerms("complianceCertifications", request.complianceCertifications(), false, CERTIFICATION, errors);
        checkRequirements(request.resourceRequirements(), errors);
        List<Dependency> dependencies = checkDependencies(request.dependencies(), errors);
        ImageReferences.check("containerImages", request.containerImages(), errors);
        errors.throwIfAny();
        return new ComponentDefinition(
                request.componentId(),
                request.componentName(),
                request.componentVersion(),
                List.copyOf(request.dataProcessingCapabilities()),
                List.copyOf(request.supportedDataFormats()),
                JsonMaps.toJsonText(request.resourceRequirements()),
                request.securityClearanceLevel(),
                request.complianceCertifications() == null ? List.of() : List.copyOf(request.complianceCertifications()),
                dependencies,
                request.dataLineageTracking() == null || request.dataLineageTracking(),
                request.containerImages() == null ? List.of() : List.copyOf(request.containerImages()));
    }

    public static void checkVersion(String field, String version, FieldErrors errors) {
        errors.text(field, version, 64, null, null);
        if (version != null && !version.isBlank() && version.length() <= 64 && !SemanticVersions.isValid(version)) {
            errors.add(field, "must be a semantic version MAJOR.MINOR.PATCH with an optional -prerelease, e.g. 2.1.0");
        }
    }

    private static void checkTerms(String field, List<String> values, boolean required, Pattern pattern, FieldErrors errors) {
        if (values == null && !required) {
            return;
        }
        if (required) {
            errors.nonEmpty(field, values, MAX_LIST_SIZE);
        } else if (values.size() > MAX_LIST_SIZE) {
            errors.add(field, "must contain at most " + MAX_LIST_SIZE + " values");
        }
        if (values == null) {
            return;
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !pattern.matcher(value).matches()) {
                errors.add(field + "[" + i + "]", "must be 1 to 64 characters: " + describe(pattern));
            } else if (!seen.add(pattern == TERM ? CatalogueTerms.canonical(value) : value)) {
                errors.add(field + "[" + i + "]", "repeats '" + value + "'" + (pattern == TERM ? " (letter case does not count)" : ""));
            }
        }
    }

    private static List<Dependency> checkDependencies(List<String> values, FieldErrors errors) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_LIST_SIZE) {
            errors.add("dependencies", "must contain at most " + MAX_LIST_SIZE + " values");
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            String field = "dependencies[" + i + "]";
            String value = values.get(i);
            if (value == null) {
                errors.add(field, "must not be null");
                continue;
            }
            Dependency dependency = Dependency.parse(value);
            if (!COMPONENT_ID.matcher(dependency.componentId()).matches()
                    || (dependency.pinsVersion() && !SemanticVersions.isValid(dependency.componentVersion()))) {
                errors.add(field, "must be a componentId or componentId@version, e.g. etl-core@2.1.0");
            }
        }
        return errors.isEmpty() ? values.stream().map(Dependency::parse).toList() : List.of();
    }

    private static void checkRequirements(Map<String, JsonNode> requirements, FieldErrors errors) {
        if (requirements == null) {
            return;
        }
        if (requirements.size() > MAX_LIST_SIZE) {
            errors.add("resourceRequirements", "must have at most " + MAX_LIST_SIZE + " entries");
        }
        requirements.forEach((key, value) -> {
            if (!REQUIREMENT_KEY.matcher(key).matches()) {
                errors.add("resourceRequirements", "keys must be 1 to 64 letters, digits or _ . -");
            } else if (Objects.toString(value).length() > MAX_REQUIREMENT_VALUE_LENGTH) {
                errors.add("resourceRequirements." + key, "must be at most " + MAX_REQUIREMENT_VALUE_LENGTH + " characters of JSON");
            }
        });
    }

    private static String describe(Pattern pattern) {
        return "letters, digits, '_', '.' or '-', starting with a letter or digit";
    }
}
