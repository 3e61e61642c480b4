package io.modulardata.security.subjects;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.Problem;
import io.modulardata.security.keys.KeyService;
import io.modulardata.security.keys.KeyVault;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Data keys of data subjects: created on a subject's first encryption (wrapped under the tenant's primary key),
 * found again by the key id in a payload, destroyed by erasure. Keys read back from committed rows are kept in
 * memory until an erasure (this instance's, or another's through {@code SubjectErased}) makes us forget them.
 */
@ApplicationScoped
public class SubjectKeys {

    /** A subject's key, unwrapped. */
    public record SubjectKey(String keyId, String tenantId, String subjectRef, int tenantKeyVersion, byte[] material) {
        @Override
        public String toString() {
            return "SubjectKey[" + keyId + "]";
        }
    }

    private final CommandRunner commands;
    private final KeyService keys;
    private final KeyVault vault;
    private final Map<String, SubjectKey> byKeyId = new ConcurrentHashMap<>();
    private final Map<String, String> keyIdBySubject = new ConcurrentHashMap<>();

    public SubjectKeys(CommandRunner commands, KeyService keys, KeyVault vault) {
        this.commands = commands;
        this.keys = keys;
        this.vault = vault;
    }

    /** The subject's key to encrypt with; its first use creates it in a transaction of its own. */
    public Uni<SubjectKey> forEncryption(String tenantId, String subjectRef, CommandContext context) {
        String keyId = keyIdBySubject.get(subjectKey(tenantId, subjectRef));
        SubjectKey cached = keyId == null ? null : byKeyId.get(keyId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        // Two first uses at once: one insert loses on the unique (tenant, subject) and the retry reads the winner's key.
        return commands.inTransaction(() -> SubjectKeyEntity.<SubjectKeyEntity>find("tenantId = ?1 and subjectRef = ?2",
                tenantId, subjectRef).firstResult().chain(row -> row != null ? unwrap(row) : create(tenantId, subjectRef, context)))
                .onFailure().retry().atMost(1)
                .invoke(this::remember);
    }

    /**
     * The key a payload or sealed field names: null when this tenant never had it (an invalid token); 410
     * {@code key-shredded} when it was destroyed by an erasure.
     */
    public Uni<SubjectKey> forDecryption(String tenantId, String keyId) {
        SubjectKey cached = byKeyId.get(keyId);
        if (cached != null) {
            return Uni.createFrom().item(cached.tenantId().equals(tenantId) ? cached : null);
        }
        return Panache.withSession(() -> SubjectKeyEntity.<SubjectKeyEntity>findById(keyId).chain(row -> {
            if (row != null && row.tenantId.equals(tenantId)) {
                return unwrap(row).invoke(this::remember);
            }
            return ShreddedSubjectKeyEntity.<ShreddedSubjectKeyEntity>findById(keyId).map(shredded -> {
                if (shredded != null && shredded.tenantId.equals(tenantId)) {
                    throw shredded();
                }
                return null;
            });
        }));
    }

    /** The keys of one subject, inside the erasure's transaction. */
    Uni<List<SubjectKeyEntity>> rowsOf(String tenantId, String subjectRef) {
        return SubjectKeyEntity.list("tenantId = ?1 and subjectRef = ?2", tenantId, subjectRef);
    }

    /** Whether an erasure of this subject already destroyed keys, inside the erasure's transaction. */
    Uni<Boolean> wasErased(String tenantId, String subjectRef) {
        return ShreddedSubjectKeyEntity.count("tenantId = ?1 and subjectRef = ?2", tenantId, subjectRef).map(count -> count > 0);
    }

    /** Forgets a subject's keys held in memory (after an erasure here or on another instance). */
    public void forget(String tenantId, String subjectRef) {
        keyIdBySubject.remove(subjectKey(tenantId, subjectRef));
        byKeyId.values().removeIf(key -> key.tenantId().equals(tenantId) && key.subjectRef().equals(subjectRef));
    }

    /** Forgets every subject key of the tenant held in memory (its keys were shredded). */
    public void forget(String tenantId) {
        keyIdBySubject.keySet().removeIf(subject -> subject.startsWith(tenantId + "/"));
        byKeyId.values().removeIf(key -> key.tenantId().equals(tenantId));
    }

    /**
     * Destroys every subject key of the tenant, leaving tombstones (its payloads answer 410 key-shredded), inside the
     * offboarding's transaction; returns how many.
     */
    public Uni<Integer> destroyAll(String tenantId, Instant at) {
        return SubjectKeyEntity.<SubjectKeyEntity>list("tenantId", tenantId).chain(rows -> rows.isEmpty()
                ? Uni.createFrom().item(0)
                : ShreddedSubjectKeyEntity.persist(rows.stream().map(row -> ShreddedSubjectKeyEntity.of(row, at)))
                        .chain(() -> SubjectKeyEntity.delete("tenantId", tenantId)).map(ignored -> rows.size()));
    }

    public static ApiProblemException shredded() {
        return new ApiProblemException(Problem.of(410, "key-shredded", "Key shredded",
                "The key of this data was destroyed by an erasure of its data subject; it can never be decrypted again"));
    }

    private Uni<SubjectKey> create(String tenantId, String subjectRef, CommandContext context) {
        return keys.primaryKey(tenantId, context).chain(tenantKey -> {
            SubjectKeyEntity row = new SubjectKeyEntity();
            row.keyId = SubjectKeyCrypto.newKeyId();
            row.tenantId = tenantId;
            row.subjectRef = subjectRef;
            row.tenantKeyVersion = tenantKey.version();
            byte[] material = SubjectKeyCrypto.newKey();
            row.wrappedKey = SubjectKeyCrypto.wrap(tenantKey.material(), tenantId, row.keyId, material);
            return row.persist().map(ignored -> new SubjectKey(row.keyId, tenantId, subjectRef, row.tenantKeyVersion, material));
        });
    }

    private Uni<SubjectKey> unwrap(SubjectKeyEntity row) {
        return vault.keys(row.tenantId, List.of(row.tenantKeyVersion)).map(tenantKeys -> new SubjectKey(row.keyId, row.tenantId,
                row.subjectRef, row.tenantKeyVersion,
                SubjectKeyCrypto.unwrap(tenantKeys.get(0).material(), row.tenantId, row.keyId, row.wrappedKey)));
    }

    private void remember(SubjectKey key) {
        byKeyId.put(key.keyId(), key);
        keyIdBySubject.put(subjectKey(key.tenantId(), key.subjectRef()), key.keyId());
    }

    private static String subjectKey(String tenantId, String subjectRef) {
        return tenantId + "/" + subjectRef;
    }
}
