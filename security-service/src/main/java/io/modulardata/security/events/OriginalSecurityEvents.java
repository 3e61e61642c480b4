package io.modulardata.security.events;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.ComplianceConfigured;
import io.modulardata.events.KeyImported;
import io.modulardata.events.KeyRingCreated;
import io.modulardata.events.KeyRotated;
import io.modulardata.events.MinDecryptionVersionChanged;
import io.modulardata.events.PolicyCreated;
import io.modulardata.events.PolicyUpdated;
import io.modulardata.events.SecurityEvent;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.projection.EventUpcaster;

/**
 * Key-ring, compliance and policy changes were once recorded as {@code SecurityEvent}s with an
 * {@code eventKind} and a string map of details. A log written then still holds them: a replay reads
 * each as the typed event recorded today, so the rebuilt state equals what the old projections built.
 */
@ApplicationScoped
public class OriginalSecurityEvents implements EventUpcaster {

    static final String KEY_CREATED = "key_created";
    static final String KEY_ROTATED = "key_rotated";
    static final String KEY_IMPORTED = "key_imported";
    static final String KEY_CONFIG_CHANGED = "key_config_changed";
    static final String COMPLIANCE_CONFIGURATION = "compliance_configuration";
    static final String POLICY_CHANGED = "policy_changed";

    @Override
    public SpecificRecordBase upcast(SpecificRecordBase stored) {
        if (!(stored instanceof SecurityEvent old) || !old.getSuccess()) {
            return stored;
        }
        Map<String, String> details = old.getDetails();
        SpecificRecordBase typed = switch (old.getEventKind()) {
            case KEY_CREATED -> new KeyRingCreated(null, null, null, null, null, null, null,
                    number(details, "keyVersion"), number(details, "minDecryptionVersion"));
            case KEY_ROTATED -> new KeyRotated(null, null, null, null, null, null, null,
                    number(details, "keyVersion"), number(details, "minDecryptionVersion"));
            case KEY_IMPORTED -> new KeyImported(null, null, null, null, null, null, null,
                    number(details, "keyVersion"), number(details, "minDecryptionVersion"));
            case KEY_CONFIG_CHANGED -> new MinDecryptionVersionChanged(null, null, null, null, null, null, null,
                    number(details, "minDecryptionVersion"), number(details, "previousMinDecryptionVersion"),
                    number(details, "primaryVersion"));
            case COMPLIANCE_CONFIGURATION -> new ComplianceConfigured(null, null, null, null, null, null, null,
                    details.get("framework"), details.get("settings"));
            case POLICY_CHANGED -> "created".equals(details.get("change"))
                    ? new PolicyCreated(null, null, null, null, null, null, null, details.get("document"))
                    : new PolicyUpdated(null, null, null, null, null, null, null, details.get("change"),
                            details.get("subject"), details.get("document"));
            default -> null;
        };
        return typed == null ? stored : EventMetadata.of(old).stamp(typed);
    }

    /** Old events wrote every number as text; a missing one (never written) reads as 0. */
    private static int number(Map<String, String> details, String name) {
        String value = details.get(name);
        return value == null ? 0 : Integer.parseInt(value);
    }
}
