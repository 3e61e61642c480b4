package io.modulardata.deployment.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.kit.problem.FieldErrors;
import io.modulardata.kit.problem.StorableText;

/**
 * Checks {@code container.environmentVariables}: each entry is a literal text value or
 * {@code {"secretKeyRef": {"name": "<Secret in the tenant namespace>", "key": "<key in it>"}}}. A literal
 * value that looks like a credential ({@link CredentialShapes}) is refused: it belongs in a Secret.
 */
final class EnvironmentValidator {

    static final String FIELD = "container.environmentVariables";
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Set<String> RESERVED = Set.of("TENANT_ID", "DATA_PROCESSING_MODE");
    static final int MAX_NAME_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 4096;
    static final int MAX_VARIABLES = 100;
    /** A Secret's name is a DNS-1123 subdomain. */
    static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    static final int MAX_SECRET_NAME_LENGTH = 253;
    static final String SHAPE = "must be a text value or {\"secretKeyRef\": {\"name\": \"<Secret>\", \"key\": \"<key>\"}}";

    private EnvironmentValidator() {
    }

    /** The valid variables, sorted by name; every problem goes to {@code errors}. */
    static List<EnvironmentVariable> validate(Map<String, JsonNode> requested, FieldErrors errors) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_VARIABLES) {
            errors.add(FIELD, "must have at most " + MAX_VARIABLES + " entries");
            return List.of();
        }
        List<EnvironmentVariable> variables = new ArrayList<>();
        requested.forEach((name, value) -> {
            String field = FIELD + "." + name;
            if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
                errors.add(field, "must be a name of at most " + MAX_NAME_LENGTH
                        + " letters, digits and '_', not starting with a digit");
            } else if (RESERVED.contains(name)) {
                errors.add(field, "is set by the platform");
            } else if (value == null || value.isNull()) {
                errors.add(field, "is required");
            } else if (value.isTextual()) {
                literal(name, value.textValue(), field, errors, variables);
            } else if (value.isObject()) {
                secretReference(name, value, field, errors, variables);
            } else {
                errors.add(field, SHAPE);
            }
        });
        variables.sort(Comparator.comparing(EnvironmentVariable::name));
        return variables;
    }

    private static void literal(String name, String value, String field, FieldErrors errors, List<EnvironmentVariable> variables) {
        if (value.length() > MAX_VALUE_LENGTH) {
            errors.add(field, "must be at most " + MAX_VALUE_LENGTH + " characters");
        } else if (!StorableText.isStorable(value)) {
            errors.add(field, StorableText.PROBLEM);
        } else if (CredentialShapes.isCredentialName(name) || CredentialShapes.isCredentialValue(value)) {
            errors.add(field, "looks like a credential (a password, token or key): literal values are stored and shown; put it"
                    + " in a Kubernetes Secret of the tenant namespace and give {\"secretKeyRef\": {\"name\": \"<Secret>\", \"key\": \"<key>\"}}");
        } else {
            variables.add(EnvironmentVariable.literal(name, value));
        }
    }

    private static void secretReference(String name, JsonNode value, String field, FieldErrors errors,
            List<EnvironmentVariable> variables) {
        JsonNode ref = value.get("secretKeyRef");
        if (value.size() != 1 || ref == null || !ref.isObject()) {
            errors.add(field, SHAPE);
            return;
        }
        for (Iterator<String> keys = ref.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!key.equals("name") && !key.equals("key")) {
                errors.add(field + ".secretKeyRef." + key, "is not a field of secretKeyRef (name, key)");
            }
        }
        String secret = text(ref, "name");
        String key = text(ref, "key");
        boolean validSecret = secret != null && secret.length() <= MAX_SECRET_NAME_LENGTH && SECRET_NAME.matcher(secret).matches();
        boolean validKey = key != null && key.length() <= MAX_SECRET_NAME_LENGTH && SECRET_KEY.matcher(key).matches();
        if (!validSecret) {
            errors.add(field + ".secretKeyRef.name", "must be the name of a Secret in the tenant namespace (at most "
                    + MAX_SECRET_NAME_LENGTH + " lowercase letters, digits, '-' and '.')");
        }
        if (!validKey) {
            errors.add(field + ".secretKeyRef.key", "must be a key of the Secret (at most " + MAX_SECRET_NAME_LENGTH
                    + " letters, digits, '-', '_' and '.')");
        }
        if (validSecret && validKey && ref.size() == 2) {
            variables.add(EnvironmentVariable.fromSecret(name, secret, key));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }
}
