package io.modulardata.security.offboarding;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.events.TenantKeysShredded;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.security.keys.KeyMaterialEntity;
import io.modulardata.security.keys.KeyService;
import io.modulardata.security.keys.KeyVault;
import io.modulardata.security.keys.KeyVersionEntity;
import io.modulardata.security.keys.PrimaryVersions;
import io.modulardata.security.subjects.SubjectKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Destroys every key of an offboarded tenant in one transaction: the tenant is listed in offboarded_tenant
 * first (only then does key_material let its rows go), its subjects' keys leave tombstones (their payloads
 * answer 410 key-shredded), the wrapped rows of its key versions are deleted, and {@code TenantKeysShredded}
 * tells every instance to forget what it holds in memory. A tenant already listed is left as it is, so a
 * redelivered TenantOffboarded changes nothing.
 */
@ApplicationScoped
public class TenantShredding {

    public static final String AGGREGATE_TYPE = "tenant-keys-shredded";

    private final CommandRunner commands;
    private final EventRecorder recorder;
    private final OffboardedTenants offboarded;
    private final KeyVault vault;
    private final SubjectKeys subjectKeys;
    private final PrimaryVersions primaryVersions;

    public TenantShredding(CommandRunner commands, EventRecorder recorder, OffboardedTenants offboarded, KeyVault vault,
            SubjectKeys subjectKeys, PrimaryVersions primaryVersions) {
        this.commands = commands;
        this.recorder = recorder;
        this.offboarded = offboarded;
        this.vault = vault;
        this.subjectKeys = subjectKeys;
        this.primaryVersions = primaryVersions;
    }

    /** Shreds the tenant's keys for this TenantOffboarded event; returns the event recorded, or null when done before. */
    public Uni<TenantKeysShredded> shred(String tenantId, String offboardingEventId, CommandContext context) {
        return commands.inTransaction(() -> OffboardedTenantEntity.<OffboardedTenantEntity>findById(tenantId)
                .chain(listed -> listed != null ? Uni.createFrom().<TenantKeysShredded>nullItem()
                        : destroy(tenantId, offboardingEventId, context)))
                .invoke(() -> forget(tenantId));
    }

    /** Forgets every key of the tenant this instance holds in memory (after a shredding here or on another instance). */
    public void forget(String tenantId) {
        offboarded.learn(tenantId);
        vault.forget(tenantId);
        subjectKeys.forget(tenantId);
        primaryVersions.forget(tenantId);
    }

    private Uni<TenantKeysShredded> destroy(String tenantId, String offboardingEventId, CommandContext context) {
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        OffboardedTenantEntity listed = new OffboardedTenantEntity();
        listed.tenantId = tenantId;
        listed.offboardedAt = now;
        listed.eventId = offboardingEventId;
        // The row must be in the database before the deletes: key_material's trigger looks for it.
        return listed.persist().chain(Panache::flush)
                .chain(() -> subjectKeys.destroyAll(tenantId, now))
                .chain(subjectKeysDestroyed -> KeyVersionEntity.count("tenantId = ?1 and origin = ?2", tenantId, KeyService.DERIVED)
                        .chain(derived -> deleteMaterial(tenantId).map(versionsDestroyed -> {
                            TenantKeysShredded event = context.metadata(tenantId, "shredding-" + tenantId)
                                    .stamp(new TenantKeysShredded());
                            event.setOffboardingEventId(offboardingEventId);
                            event.setShreddedAt(now);
                            event.setTenantKeyVersionsDestroyed(versionsDestroyed.intValue());
                            event.setDerivedVersions(derived.intValue());
                            event.setSubjectKeysDestroyed(subjectKeysDestroyed);
                            return event;
                        })))
                .call(event -> recorder.record(AGGREGATE_TYPE, 0, List.of(event)));
    }

    /**
     * Every wrapped version of the tenant, found by the row ids themselves ({@code tenantId/version}) rather than the
     * key_version read model, which a rebuild may have emptied for a moment. Tenant ids are [a-z0-9-]: no LIKE wildcard.
     */
    private static Uni<Long> deleteMaterial(String tenantId) {
        return KeyMaterialEntity.delete("id like ?1", tenantId + "/%");
    }
}
