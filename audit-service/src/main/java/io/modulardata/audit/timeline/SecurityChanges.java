package io.modulardata.audit.timeline;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.audit.chain.AuditEntry;

/**
 * Security-service events in either form: per-operation {@code SecurityEvent{eventKind, success, details}},
 * and key-ring, compliance and policy changes, which are typed events today (KeyRotated, PolicyUpdated, ...)
 * and were SecurityEvents with a kind before. Both forms read alike here, so an audit log holding old and
 * new entries answers in one vocabulary.
 */
public final class SecurityChanges {

    /** The kind each typed change was recorded under as a SecurityEvent. */
    private static final Map<String, String> KIND_OF_TYPE = Map.ofEntries(
            Map.entry("KeyRingCreated", "key_created"),
            Map.entry("KeyRotated", "key_rotated"),
            Map.entry("KeyImported", "key_imported"),
            Map.entry("MinDecryptionVersionChanged", "key_config_changed"),
            Map.entry("ComplianceConfigured", "compliance_configuration"),
            Map.entry("PolicyCreated", "policy_changed"),
            Map.entry("PolicyUpdated", "policy_changed"),
            Map.entry("SubjectErased", "subject_erased"),
            Map.entry("TenantKeysShredded", "tenant_keys_shredded"));

    /** Full names of the typed policy changes, for queries over the stored event type. */
    public static final List<String> POLICY_CHANGE_TYPES = List.of(
            "io.modulardata.events.PolicyCreated", "io.modulardata.events.PolicyUpdated");

    private SecurityChanges() {
    }

    /** Whether the entry is a security-service event in either form. */
    public static boolean isSecurityEvent(AuditEntry entry) {
        return "SecurityEvent".equals(entry.simpleType()) || KIND_OF_TYPE.containsKey(entry.simpleType());
    }

    /** The event's kind, e.g. {@code data_encryption} or {@code key_rotated}; "" when it is no security event. */
    public static String kindOf(AuditEntry entry) {
        String typed = KIND_OF_TYPE.get(entry.simpleType());
        return typed != null ? typed : entry.payload().path("eventKind").asText();
    }

    /** Typed changes are recorded only when they succeeded. */
    public static boolean succeeded(AuditEntry entry) {
        return entry.payload().path("success").asBoolean(true);
    }

    /** What the change carries: a SecurityEvent's details map, or a typed event's own fields. */
    public static JsonNode detailsOf(AuditEntry entry) {
        return KIND_OF_TYPE.containsKey(entry.simpleType()) ? entry.payload() : entry.payload().path("details");
    }
}
