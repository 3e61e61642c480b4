package io.modulardata.audit.timeline;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.audit.chain.AuditEntry;

/** One line of plain English per event, e.g. "component etl-core 2.1.0 granted by alice". */
public final class Summaries {

    private Summaries() {
    }

    public static String of(AuditEntry entry) {
        JsonNode p = entry.payload();
        String by = " by " + entry.actor();
        return switch (entry.simpleType()) {
            case "TenantRegistered" -> "tenant " + entry.aggregateId() + " registered (" + text(p, "dataProcessingTier") + ")" + by;
            case "TenantConfigurationChanged" -> "tenant " + entry.aggregateId() + " configuration changed ("
                    + String.join(", ", list(p, "changedFields")) + ")" + by;
            case "TenantIdentityProviderChanged" -> "tenant " + entry.aggregateId() + " identity provider "
                    + (p.path("issuer").isTextual() ? "set to " + text(p, "issuer") + " (audience " + text(p, "audience") + ")" : "removed") + by;
            case "TenantOffboarded" -> "tenant " + entry.aggregateId() + " offboarded" + by;
            case "ComponentRegistered" -> "component " + text(p, "componentId") + " " + text(p, "componentVersion") + " registered" + by;
            case "ComponentStatusChanged" -> "component " + text(p, "componentId") + " " + text(p, "componentVersion") + " "
                    + text(p, "previousStatus") + " -> " + text(p, "newStatus") + by;
            case "ComponentAccessGranted" -> "component " + text(p, "componentId") + " " + text(p, "componentVersion") + " granted" + by;
            case "ComponentAccessRevoked" -> "component " + text(p, "componentId") + " " + text(p, "componentVersion") + " revoked" + by;
            case "DeploymentRequested" -> "deployment " + text(p, "deploymentId") + " of " + text(p, "componentKey") + " to "
                    + text(p, "environment") + " requested" + by;
            case "DeploymentPhaseCompleted" -> "deployment " + text(p, "deploymentId") + " phase " + text(p, "phase") + " completed";
            case "DeploymentSucceeded" -> "deployment " + text(p, "deploymentId") + " of " + text(p, "componentKey") + " to "
                    + text(p, "environment") + " succeeded";
            case "DeploymentFailed" -> "deployment " + text(p, "deploymentId") + " failed: " + text(p, "reason");
            case "DeploymentRolledBack" -> "deployment " + text(p, "deploymentId") + " rolled back: " + text(p, "reason");
            case "DeploymentRemoved" -> "deployment " + text(p, "deploymentId") + " removed with namespace " + text(p, "namespace")
                    + ": " + text(p, "reason");
            default -> SecurityChanges.isSecurityEvent(entry)
                    ? SecurityChanges.kindOf(entry).replace('_', ' ') + (SecurityChanges.succeeded(entry) ? " succeeded" : " failed") + by
                    : entry.simpleType() + " on " + entry.aggregateId() + by;
        };
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        return value.isMissingNode() || value.isNull() ? "?" : value.asText();
    }

    private static java.util.List<String> list(JsonNode payload, String field) {
        java.util.List<String> values = new java.util.ArrayList<>();
        payload.path(field).forEach(value -> values.add(value.asText()));
        return values;
    }
}
