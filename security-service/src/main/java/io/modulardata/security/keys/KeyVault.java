package io.modulardata.security.keys;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.security.crypto.FernetTokens.VersionedKey;
import io.modulardata.security.crypto.MasterKey;
import io.modulardata.security.offboarding.OffboardedTenantEntity;
import io.modulardata.security.offboarding.OffboardedTenants;
import io.smallrye.mutiny.Uni;

/**
 * Stores tenant keys wrapped under the master key and hands them out unwrapped. A stored version never
 * changes, so keys read back from the database (committed, immutable) are cached in memory; a key
 * written in the current transaction is never cached, as that transaction may still roll back.
 */
@ApplicationScoped
public class KeyVault {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKey masterKey;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public KeyVault(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /**
     * A new version's key: 32 random bytes (a Fernet key), never derivable from the master key, so deleting
     * its wrapped row destroys it.
     */
    public static byte[] randomKey() {
        byte[] key = new byte[MasterKey.LENGTH];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Stores a new version's key, wrapped; inside the command's transaction. */
    public Uni<Void> store(String tenantId, int keyVersion, byte[] key) {
        KeyMaterialEntity material = new KeyMaterialEntity();
        material.id = KeyVersionEntity.id(tenantId, keyVersion);
        material.wrappedKey = masterKey.wrap(tenantId, keyVersion, key);
        return material.persist().replaceWithVoid();
    }

    /** The key of a version already read back from the database, if it is in memory. */
    public byte[] cached(String tenantId, int keyVersion) {
        return cache.get(KeyVersionEntity.id(tenantId, keyVersion));
    }

    /**
     * The keys of these versions, in the given order; 410 key-shredded when the tenant was offboarded (its rows are
     * gone; this instance may not have heard of it yet).
     */
    public Uni<List<VersionedKey>> keys(String tenantId, List<Integer> versions) {
        List<String> missing = versions.stream().map(v -> KeyVersionEntity.id(tenantId, v))
                .filter(id -> !cache.containsKey(id)).toList();
        Uni<Void> loaded = missing.isEmpty() ? Uni.createFrom().voidItem()
                : KeyMaterialEntity.<KeyMaterialEntity>list("id in ?1", missing).invoke(rows -> rows.forEach(row -> {
                    int version = Integer.parseInt(row.id.substring(row.id.lastIndexOf('/') + 1));
                    cache.put(row.id, masterKey.unwrap(tenantId, version, row.wrappedKey));
                })).replaceWithVoid();
        return loaded.chain(ignored -> {
            List<VersionedKey> keys = new ArrayList<>();
            for (int version : versions) {
                byte[] key = cache.get(KeyVersionEntity.id(tenantId, version));
                if (key == null) {
                    return failMissing(tenantId, version);
                }
                keys.add(new VersionedKey(version, key));
            }
            return Uni.createFrom().item(keys);
        });
    }

    /** Forgets every key of the tenant held in memory (its rows were shredded). */
    public void forget(String tenantId) {
        cache.keySet().removeIf(id -> id.startsWith(tenantId + "/"));
    }

    private static <T> Uni<T> failMissing(String tenantId, int version) {
        return OffboardedTenantEntity.findById(tenantId).map(offboarded -> {
            if (offboarded != null) {
                throw OffboardedTenants.keysShredded(tenantId);
            }
            throw new IllegalStateException("No stored key for tenant " + tenantId + " version " + version);
        });
    }
}
