package io.modulardata.security.keys;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecordBase;

import io.modulardata.events.SecurityEvent;
import io.modulardata.kit.projection.Projection;
import io.modulardata.security.events.SecurityEvents;
import io.smallrye.mutiny.Uni;

/** Projects key-ring events onto key_ring and key_version. */
@ApplicationScoped
public class KeyRingProjection implements Projection {

    private static final Set<String> KINDS = Set.of(SecurityEvents.KEY_CREATED, SecurityEvents.KEY_ROTATED,
            SecurityEvents.KEY_IMPORTED, SecurityEvents.KEY_CONFIG_CHANGED);

    @Override
    public boolean handles(SpecificRecordBase event) {
        return event instanceof SecurityEvent security && KINDS.contains(security.getEventKind());
    }

    @Override
    public Uni<Void> apply(SpecificRecordBase record) {
        SecurityEvent event = (SecurityEvent) record;
        String tenantId = event.getAggregateId();
        return KeyRingEntity.<KeyRingEntity>findById(tenantId).chain(existing -> {
            KeyRingEntity ring = existing != null ? existing : newRing(tenantId);
            ring.version = event.getAggregateVersion();
            ring.updatedAt = event.getOccurredAt();
            if (SecurityEvents.KEY_CONFIG_CHANGED.equals(event.getEventKind())) {
                ring.minDecryptionVersion = Integer.parseInt(event.getDetails().get(KeyEvents.MIN_DECRYPTION_VERSION));
                return ring.persist().replaceWithVoid();
            }
            KeyVersionEntity version = new KeyVersionEntity();
            version.tenantId = tenantId;
            version.keyVersion = Integer.parseInt(event.getDetails().get(KeyEvents.KEY_VERSION));
            version.id = KeyVersionEntity.id(tenantId, version.keyVersion);
            version.origin = event.getDetails().get(KeyEvents.ORIGIN);
            version.createdAt = event.getOccurredAt();
            ring.primaryVersion = version.keyVersion;
            return ring.persist().chain(version::persist).replaceWithVoid();
        });
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
