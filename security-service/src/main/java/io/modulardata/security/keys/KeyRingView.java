package io.modulardata.security.keys;

import java.time.Instant;
import java.util.List;

/** A key ring as the API shows it: versions, creation times and states, never key material. */
public record KeyRingView(String tenantId, int primaryVersion, int minDecryptionVersion, long version,
        List<KeyVersionView> versions) {

    public record KeyVersionView(int version, String origin, Instant createdAt, String state) {
    }

    static KeyRingView of(KeyRingEntity entity, List<KeyVersionEntity> versions, int maxDecryptable) {
        KeyRing ring = entity.ring();
        return new KeyRingView(entity.tenantId, entity.primaryVersion, entity.minDecryptionVersion, entity.version,
                versions.stream().map(v -> new KeyVersionView(v.keyVersion, v.origin, v.createdAt,
                        ring.stateOf(v.keyVersion, maxDecryptable))).toList());
    }
}
