package io.modulardata.security.keys;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.KeyImported;
import io.modulardata.events.KeyRingCreated;
import io.modulardata.events.KeyRotated;
import io.modulardata.events.MinDecryptionVersionChanged;
import io.modulardata.kit.events.EventMetadata;

/** Decides the events of the key-ring aggregate (id = tenant id). They carry versions, never key material. */
public final class KeyEvents {

    public static final String AGGREGATE_TYPE = "key-ring";

    /** Why a version is added: it decides the event type. */
    public enum Reason { CREATED, ROTATED, IMPORTED }

    private KeyEvents() {
    }

    public static SpecificRecordBase versionAdded(Reason reason, KeyRing after, EventMetadata metadata) {
        int keyVersion = after.primaryVersion();
        int minDecryptionVersion = after.minDecryptionVersion();
        return metadata.stamp(switch (reason) {
            case CREATED -> new KeyRingCreated(null, null, null, null, null, null, null, keyVersion, minDecryptionVersion);
            case ROTATED -> new KeyRotated(null, null, null, null, null, null, null, keyVersion, minDecryptionVersion);
            case IMPORTED -> new KeyImported(null, null, null, null, null, null, null, keyVersion, minDecryptionVersion);
        });
    }

    public static MinDecryptionVersionChanged minDecryptionVersionSet(KeyRing before, KeyRing after, EventMetadata metadata) {
        MinDecryptionVersionChanged event = new MinDecryptionVersionChanged();
        event.setMinDecryptionVersion(after.minDecryptionVersion());
        event.setPreviousMinDecryptionVersion(before.minDecryptionVersion());
        event.setPrimaryVersion(after.primaryVersion());
        return metadata.stamp(event);
    }
}
