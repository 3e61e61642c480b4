package io.modulardata.security.events;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.SecurityEvent;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.projection.EventUpcaster;
import io.modulardata.security.compliance.ComplianceEvents;
import io.modulardata.security.keys.KeyEvents;
import io.modulardata.security.policy.PolicyEvents;

/**
 * Key-ring, compliance and policy changes were once recorded as {@code SecurityEvent}s with an
 * {@code eventKind} and a string map of details. A log written then still holds them: a replay reads
 * each as the typed event recorded today, so the rebuilt state equals what the old projections built.
 */
@ApplicationScoped
public class OriginalSecurityEvents implements EventUpcaster {

    private static final String KEY_CREATED = "key_created";
    private static final String KEY_ROTATED = "key_rotated";
    private static final String KEY_IMPORTED = "key_imported";
    private static final String KEY_CONFIG_CHANGED = "key_config_changed";
    private static final String COMPLIANCE_CONFIGURATION = "compliance_configuration";
    private static final String POLICY_CHANGED = "policy_changed";

    @Override
    public SpecificRecordBase upcast(SpecificRecordBase stored) {
        if (!(stored instanceof SecurityEvent old) || !old.getSuccess()) {
            return stored;
        }
        Map<String, String> details = old.getDetails();
        SpecificRecordBase typed = switch (old.getEventKind()) {
            case KEY_CREATED -> versionAdded(KeyEvents.Reason.CREATED, details);
            case KEY_ROTATED -> versionAdded(KeyEvents.Reason.ROTATED, details);
            case KEY_IMPORTED -> versionAdded(KeyEvents.Reason.IMPORTED, details);
            case KEY_CONFIG_CHANGED -> KeyEvents.minDecryptionVersionChanged(number(details, "minDecryptionVersion"),
                    number(details, "previousMinDecryptionVersion"), number(details, "primaryVersion"));
            case COMPLIANCE_CONFIGURATION -> ComplianceEvents.configured(details.get("framework"), details.get("settings"));
            case POLICY_CHANGED -> PolicyEvents.changed(details.get("change"), details.get("subject"), details.get("document"));
            default -> null;
        };
        return typed == null ? stored : EventMetadata.of(old).stamp(typed);
    }

    /** Versions of this form predate random keys: they were derived from the master key, so they carry no origin. */
    private static SpecificRecordBase versionAdded(KeyEvents.Reason reason, Map<String, String> details) {
        return KeyEvents.versionAdded(reason, number(details, "keyVersion"), number(details, "minDecryptionVersion"), null);
    }

    /** Old events wrote every number as text; a missing one (never written) reads as 0. */
    private static int number(Map<String, String> details, String name) {
        String value = details.get(name);
        return value == null ? 0 : Integer.parseInt(value);
    }
}
