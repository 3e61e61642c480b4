package io.modulardata.security.keys;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.KeyImported;
import io.modulardata.events.KeyRingCreated;
import io.modulardata.events.KeyRotated;
import io.modulardata.events.MinDecryptionVersionChanged;
import io.modulardata.kit.events.EventMetadata;

/**
 * Decides the events of the key-ring aggregate (id = tenant id). They carry versions, never key material.
 * Created and rotated versions are random keys ({@code keyOrigin = random}); events without an origin are
 * from before, when versions were derived from the master key.
 */
public final class KeyEvents {

    public static final String AGGREGATE_TYPE = "key-ring";

    /** Why a version is added: it decides the event type. */
    public enum Reason { CREATED, ROTATED, IMPORTED }

    private KeyEvents() {
    }

    public static SpecificRecordBase versionAdded(Reason reason, KeyRing after, EventMetadata metadata) {
        return metadata.stamp(versionAdded(reason, after.primaryVersion(), after.minDecryptionVersion(), KeyService.RANDOM));
    }

    /**
     * The event of a new primary version, without its envelope. {@code keyOrigin} of a created or rotated version:
     * {@code random} today, null for a version of an old log (derived from the master key).
     */
    public static SpecificRecordBase versionAdded(Reason reason, int keyVersion, int minDecryptionVersion, String keyOrigin) {
        return switch (reason) {
            case CREATED -> {
                KeyRingCreated event = new KeyRingCreated();
                event.setKeyVersion(keyVersion);
                event.setMinDecryptionVersion(minDecryptionVersion);
                event.setKeyOrigin(keyOrigin);
                yield event;
            }
            case ROTATED -> {
                KeyRotated event = new KeyRotated();
                event.setKeyVersion(keyVersion);
                event.setMinDecryptionVersion(minDecryptionVersion);
                event.setKeyOrigin(keyOrigin);
                yield event;
            }
            case IMPORTED -> {
                KeyImported event = new KeyImported();
                event.setKeyVersion(keyVersion);
                event.setMinDecryptionVersion(minDecryptionVersion);
                yield event;
            }
        };
    }

    public static MinDecryptionVersionChanged minDecryptionVersionSet(KeyRing before, KeyRing after, EventMetadata metadata) {
        return metadata.stamp(minDecryptionVersionChanged(after.minDecryptionVersion(), before.minDecryptionVersion(),
                after.primaryVersion()));
    }

    /** The event of a changed minimum, without its envelope. */
    public static MinDecryptionVersionChanged minDecryptionVersionChanged(int minDecryptionVersion, int previous, int primaryVersion) {
        MinDecryptionVersionChanged event = new MinDecryptionVersionChanged();
        event.setMinDecryptionVersion(minDecryptionVersion);
        event.setPreviousMinDecryptionVersion(previous);
        event.setPrimaryVersion(primaryVersion);
        return event;
    }
}
