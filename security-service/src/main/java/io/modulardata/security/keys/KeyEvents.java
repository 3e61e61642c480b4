package io.modulardata.security.keys;

import java.util.Map;

import io.modulardata.events.SecurityEvent;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.security.events.SecurityEvents;

/** Decides the events of the key-ring aggregate (id = tenant id). Details carry versions, never key material. */
public final class KeyEvents {

    public static final String AGGREGATE_TYPE = "key-ring";
    public static final String KEY_VERSION = "keyVersion";
    public static final String ORIGIN = "origin";
    public static final String MIN_DECRYPTION_VERSION = "minDecryptionVersion";

    private KeyEvents() {
    }

    public static SecurityEvent versionAdded(String kind, String origin, KeyRing after, EventMetadata metadata) {
        return SecurityEvents.event(metadata, kind, true, Map.of(
                KEY_VERSION, String.valueOf(after.primaryVersion()),
                ORIGIN, origin,
                MIN_DECRYPTION_VERSION, String.valueOf(after.minDecryptionVersion())));
    }

    public static SecurityEvent minDecryptionVersionSet(KeyRing before, KeyRing after, EventMetadata metadata) {
        return SecurityEvents.event(metadata, SecurityEvents.KEY_CONFIG_CHANGED, true, Map.of(
                MIN_DECRYPTION_VERSION, String.valueOf(after.minDecryptionVersion()),
                "previousMinDecryptionVersion", String.valueOf(before.minDecryptionVersion()),
                "primaryVersion", String.valueOf(after.primaryVersion())));
    }
}
