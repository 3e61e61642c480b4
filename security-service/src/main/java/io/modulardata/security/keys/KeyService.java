package io.modulardata.security.keys;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.kit.problem.Problem;
import io.modulardata.security.crypto.FernetTokens;
import io.modulardata.security.crypto.FernetTokens.VersionedKey;
import io.modulardata.security.events.SecurityEvents;
import io.modulardata.security.web.TenantIds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Key-ring commands and queries. */
@ApplicationScoped
public class KeyService {

    /** Versions made before random keys: HKDF of the master key, so they can be re-derived and never shredded. */
    public static final String DERIVED = "derived";
    /** A random data key, stored only wrapped under the master key. */
    public static final String RANDOM = "random";
    public static final String IMPORTED = "imported";

    private final CommandRunner commands;
    private final EventRecorder recorder;
    private final KeyVault vault;
    private final PrimaryVersions primaryVersions;
    private final int maxDecryptable;

    public KeyService(CommandRunner commands, EventRecorder recorder, KeyVault vault, PrimaryVersions primaryVersions,
            KeyRingConfig config) {
        this.commands = commands;
        this.recorder = recorder;
        this.vault = vault;
        this.primaryVersions = primaryVersions;
        this.maxDecryptable = config.maxDecryptableVersions();
        if (maxDecryptable < 1) {
            throw new IllegalStateException("modulardata.security.keys.max-decryptable-versions must be at least 1");
        }
    }

    public Uni<KeyRingView> rotate(String tenantId, CommandContext context) {
        TenantIds.require(tenantId);
        return commands.inTransaction(() -> addVersion(tenantId, KeyEvents.Reason.ROTATED, null, context)
                .chain(added -> view(tenantId))).invoke(this::remember);
    }

    public Uni<KeyRingView> importKey(String tenantId, ImportKeyRequest request, CommandContext context) {
        TenantIds.require(tenantId);
        byte[] key;
        try {
            key = FernetTokens.parseKey(request.fernetKey());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("fernetKey", request.fernetKey() == null ? "is required" : e.getMessage());
        }
        return commands.inTransaction(() -> addVersion(tenantId, KeyEvents.Reason.IMPORTED, key, context)
                .chain(added -> view(tenantId))).invoke(this::remember);
    }

    public Uni<KeyRingView> configure(String tenantId, KeyConfigRequest request, CommandContext context) {
        TenantIds.require(tenantId);
        return commands.inTransaction(() -> findRing(tenantId).chain(entity -> {
            if (entity == null) {
                return Uni.createFrom().failure(ApiProblemException.notFound("Key ring of tenant", tenantId));
            }
            KeyRing before = entity.ring();
            String problem = before.minDecryptionVersionProblem(request.minDecryptionVersion(), maxDecryptable);
            if (problem != null) {
                return Uni.createFrom().failure(new InvalidRequestException("minDecryptionVersion", problem));
            }
            if (before.minDecryptionVersion() == request.minDecryptionVersion()) {
                return view(tenantId);
            }
            KeyRing after = before.withMinDecryptionVersion(request.minDecryptionVersion());
            var event = KeyEvents.minDecryptionVersionSet(before, after, context.metadata(tenantId, tenantId));
            return recorder.record(KeyEvents.AGGREGATE_TYPE, entity.version, List.of(event)).chain(() -> view(tenantId));
        }));
    }

    /** Reads are audited too: a keys_listed event (versions only) is recorded before answering. */
    public Uni<KeyRingView> get(String tenantId, CommandContext context) {
        return commands.inTransaction(() -> view(tenantId).chain(view -> recorder.record(SecurityEvents.OPERATION, 0,
                List.of(SecurityEvents.operation(context, tenantId, SecurityEvents.KEYS_LISTED, true, java.util.Map.of(
                        "primaryVersion", String.valueOf(view.primaryVersion()),
                        "minDecryptionVersion", String.valueOf(view.minDecryptionVersion()))))).map(ignored -> view)));
    }

    /**
     * Adds the next version (a random key, or the imported key) as the new primary and
     * records its event; must run inside a transaction. Returns the version with its key. Refused (409)
     * when the ring would then hold more versions that may decrypt than allowed.
     */
    public Uni<VersionedKey> addVersion(String tenantId, KeyEvents.Reason reason, byte[] importedKey, CommandContext context) {
        return findRing(tenantId).chain(entity -> {
            KeyRing before = entity == null ? KeyRing.empty(tenantId) : entity.ring();
            String limit = before.newVersionProblem(maxDecryptable);
            if (limit != null) {
                return Uni.createFrom().failure(new ApiProblemException(
                        Problem.of(409, "key-version-limit", "Key version limit reached", limit)));
            }
            long aggregateVersion = entity == null ? 0 : entity.version;
            KeyRing after = before.withNewVersion();
            int keyVersion = after.primaryVersion();
            byte[] key = importedKey != null ? importedKey : KeyVault.randomKey();
            var event = KeyEvents.versionAdded(reason, after, context.metadata(tenantId, tenantId));
            return vault.store(tenantId, keyVersion, key)
                    .chain(() -> recorder.record(KeyEvents.AGGREGATE_TYPE, aggregateVersion, List.of(event)))
                    .map(ignored -> new VersionedKey(keyVersion, key));
        });
    }

    /**
     * The primary key to encrypt with, outside any transaction: the primary version from
     * {@link PrimaryVersions} and its key from memory when it was read before; otherwise read (and, on
     * a tenant's first encryption, created as version 1) in a transaction of its own.
     */
    public Uni<VersionedKey> encryptionKey(String tenantId, CommandContext context) {
        return primaryVersions.current(tenantId).chain(primary -> {
            byte[] key = primary.isPresent() ? vault.cached(tenantId, primary.getAsInt()) : null;
            if (key != null) {
                return Uni.createFrom().item(new VersionedKey(primary.getAsInt(), key));
            }
            return commands.inTransaction(() -> primaryKey(tenantId, context))
                    .invoke(loaded -> primaryVersions.offer(tenantId, loaded.version()));
        });
    }

    /** {@link #decryptionKeys} in a read-only session of its own. */
    public Uni<List<VersionedKey>> readDecryptionKeys(String tenantId) {
        return Panache.withSession(() -> decryptionKeys(tenantId));
    }

    private void remember(KeyRingView view) {
        primaryVersions.offer(view.tenantId(), view.primaryVersion());
    }

    /** The primary key to encrypt with; a tenant's first encryption creates version 1. Inside a transaction. */
    public Uni<VersionedKey> primaryKey(String tenantId, CommandContext context) {
        return findRing(tenantId).chain(entity -> {
            if (entity == null) {
                return addVersion(tenantId, KeyEvents.Reason.CREATED, null, context);
            }
            int primary = entity.primaryVersion;
            return vault.keys(tenantId, List.of(primary)).map(keys -> keys.get(0));
        });
    }

    /** Keys that may decrypt, newest first (empty when the tenant has no ring). */
    public Uni<List<VersionedKey>> decryptionKeys(String tenantId) {
        return findRing(tenantId).chain(entity -> entity == null ? Uni.createFrom().item(List.<VersionedKey>of())
                : vault.keys(tenantId, entity.ring().decryptionVersions(maxDecryptable)));
    }

    private static Uni<KeyRingEntity> findRing(String tenantId) {
        return KeyRingEntity.findById(tenantId);
    }

    private Uni<KeyRingView> view(String tenantId) {
        return findRing(tenantId).chain(entity -> {
            if (entity == null) {
                return Uni.createFrom().failure(ApiProblemException.notFound("Key ring of tenant", tenantId));
            }
            return KeyVersionEntity.<KeyVersionEntity>list("tenantId = ?1 order by keyVersion desc", tenantId)
                    .map(versions -> KeyRingView.of(entity, versions, maxDecryptable));
        });
    }
}
