package io.modulardata.security.subjects;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.events.SubjectErased;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.modulardata.kit.problem.ApiProblemException;
import io.modulardata.kit.problem.Problem;
import io.modulardata.security.web.TenantIds;
import io.smallrye.mutiny.Uni;

/**
 * Erasure of a data subject by crypto-shredding: its key rows are deleted (their ids kept, so its payloads
 * answer 410 rather than "invalid"), and a {@code SubjectErased} event (the subject only as its pseudonym) is
 * recorded in the same transaction; every instance forgets the keys when it sees the event. A repeated
 * request finds nothing left to delete and ends the same way; a subject the tenant never had answers 404.
 */
@ApplicationScoped
public class ErasureService {

    public static final String AGGREGATE_TYPE = "subject-erasure";

    private final CommandRunner commands;
    private final EventRecorder recorder;
    private final SubjectRefs refs;
    private final SubjectKeys keys;

    public ErasureService(CommandRunner commands, EventRecorder recorder, SubjectRefs refs, SubjectKeys keys) {
        this.commands = commands;
        this.recorder = recorder;
        this.refs = refs;
        this.keys = keys;
    }

    public record Erasure(String tenantId, String subjectRef, String state) {
    }

    public Uni<Erasure> erase(String tenantId, String subjectId, CommandContext context) {
        TenantIds.require(tenantId);
        String subjectRef = refs.of(tenantId, subjectId, "subjectId");
        // Two erasures of one subject at once: the loser's tombstones collide, and its retry finds nothing left.
        return commands.inTransaction(() -> keys.rowsOf(tenantId, subjectRef).chain(rows -> {
            Instant now = context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
            List<ShreddedSubjectKeyEntity> tombstones = rows.stream().map(row -> ShreddedSubjectKeyEntity.of(row, now)).toList();
            SubjectErased event = context.metadata(tenantId, "erasure-" + UUID.randomUUID()).stamp(new SubjectErased());
            event.setSubjectRef(subjectRef);
            event.setRequestedBy(context.actor());
            event.setErasedAt(now);
            event.setKeysDestroyed(rows.size());
            Uni<Void> destroyed = rows.isEmpty() ? Uni.createFrom().voidItem()
                    : ShreddedSubjectKeyEntity.persist(tombstones)
                            .chain(() -> SubjectKeyEntity.delete("tenantId = ?1 and subjectRef = ?2", tenantId, subjectRef))
                            .replaceWithVoid();
            return requireKnown(tenantId, subjectRef, rows).chain(() -> destroyed)
                    .chain(() -> recorder.record(AGGREGATE_TYPE, 0, List.of(event)));
        })).onFailure(failure -> !(failure instanceof ApiProblemException)).retry().atMost(1)
                .invoke(() -> keys.forget(tenantId, subjectRef))
                .map(ignored -> new Erasure(tenantId, subjectRef, "erased"));
    }

    /**
     * A subject this tenant never sealed anything for (no keys, none destroyed) answers 404 and nothing is recorded:
     * there is nothing to erase, and an erasure event for any string sent would fill the log with noise.
     */
    private Uni<Void> requireKnown(String tenantId, String subjectRef, List<SubjectKeyEntity> rows) {
        if (!rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return keys.wasErased(tenantId, subjectRef).invoke(erased -> {
            if (!erased) {
                throw new ApiProblemException(Problem.of(404, "not-found", "Not found",
                        "This tenant has no data sealed for that data subject"));
            }
        }).replaceWithVoid();
    }
}
