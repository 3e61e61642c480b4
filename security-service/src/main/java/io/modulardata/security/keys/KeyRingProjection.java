package io.modulardata.security.keys;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.KeyImported;
import io.modulardata.events.KeyRingCreated;
import io.modulardata.events.KeyRotated;
import io.modulardata.events.MinDecryptionVersionChanged;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.kit.projection.Projection;
import io.smallrye.mutiny.Uni;

/** Projects key-ring events onto key_ring and key_version. */
@ApplicationScoped
public class KeyRingProjection implements Projection {

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof KeyRingCreated || event instanceof KeyRotated || event instanceof KeyImported
                || event instanceof MinDecryptionVersionChanged;
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase event) {
        EventMetadata metadata = EventMetadata.of(event);
        String tenantId = metadata.aggregateId();
        return KeyRingEntity.<KeyRingEntity>findById(tenantId).chain(existing -> {
            KeyRingEntity ring = existing != null ? existing : newRing(tenantId);
            ring.version = metadata.aggregateVersion();
            ring.updatedAt = metadata.occurredAt();
            if (event instanceof MinDecryptionVersionChanged changed) {
                ring.minDecryptionVersion = changed.getMinDecryptionVersion();
                return ring.persist().replaceWithVoid();
            }
            KeyVersionEntity version = new KeyVersionEntity();
            version.tenantId = tenantId;
            version.keyVersion = (Integer) event.get("keyVersion");
            version.id = KeyVersionEntity.id(tenantId, version.keyVersion);
            version.origin = originOf(event);
            version.createdAt = metadata.occurredAt();
            ring.primaryVersion = version.keyVersion;
            return ring.persist().chain(version::persist).replaceWithVoid();
        });
    }

    /** Imported, random, or (events without keyOrigin, written before random keys) derived from the master key. */
    static String originOf(SpecificRecordBase event) {
        if (event instanceof KeyImported) {
            return KeyService.IMPORTED;
        }
        Object origin = event.get("keyOrigin");
        return origin == null ? KeyService.DERIVED : origin.toString();
    }

    private static KeyRingEntity newRing(String tenantId) {
        KeyRingEntity ring = new KeyRingEntity();
        ring.tenantId = tenantId;
        ring.minDecryptionVersion = 1;
        return ring;
    }

    @Override
    public Uni<Void> reset() {
        return KeyVersionEntity.delete("from KeyVersionEntity")
                .chain(() -> KeyRingEntity.delete("from KeyRingEntity")).replaceWithVoid();
    }
}
