package io.modulardata.security.policy;

import java.util.Map;
import java.util.TreeMap;

/** A platform-wide security policy: access grants per tenant, operation classifications, encryption requirements per data type. */
public record SecurityPolicy(String policyName, String description, Map<String, AccessGrant> accessControls,
        Map<String, String> classifications, Map<String, Boolean> encryptionRequirements) {

    public static SecurityPolicy create(String policyName, String description) {
        return new SecurityPolicy(policyName, description, Map.of(), Map.of(), Map.of());
    }

    public SecurityPolicy withDescription(String text) {
        return new SecurityPolicy(policyName, text, accessControls, classifications, encryptionRequirements);
    }

    public SecurityPolicy withAccessControl(String tenantId, AccessGrant grant) {
        Map<String, AccessGrant> changed = new TreeMap<>(accessControls);
        changed.put(tenantId, grant);
        return new SecurityPolicy(policyName, description, changed, classifications, encryptionRequirements);
    }

    public SecurityPolicy withClassification(String operation, Classification classification) {
        Map<String, String> changed = new TreeMap<>(classifications);
        changed.put(operation, classification.label());
        return new SecurityPolicy(policyName, description, accessControls, changed, encryptionRequirements);
    }

    public SecurityPolicy withEncryptionRequirement(String dataType, boolean required) {
        Map<String, Boolean> changed = new TreeMap<>(encryptionRequirements);
        changed.put(dataType, required);
        return new SecurityPolicy(policyName, description, accessControls, classifications, changed);
    }
}
