package io.modulardata.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.checkpoint.CheckpointChain;
import io.modulardata.audit.checkpoint.SigningKey;

class ChainVerifierTest {

    private final SigningKey key = SigningKey.generate();

    @Test
    void anIntactChainVerifies() {
        List<AuditEntry> chain = chain(6);
        assertThat(verify(chain, List.of(checkpoint(chain, 3), checkpoint(chain, 6)))).isEqualTo(VerifyResult.ok(6));
    }

    @Test
    void anEditedEntryIsPinpointed() {
        List<AuditEntry> chain = chain(5);
        AuditEntry edited = chain.get(2);
        chain.set(2, new AuditEntry(3, edited.topic(), edited.partition(), edited.offset(), edited.eventType(), edited.eventId(),
                edited.occurredAt(), edited.tenantId(), "mallory", edited.correlationId(), edited.aggregateId(),
                edited.aggregateVersion(), edited.payload(), edited.hash()));
        VerifyResult result = verify(chain, List.of());
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(3);
        assertThat(result.checkedEntries()).isEqualTo(2);
    }

    @Test
    void aMissingEntryIsPinpointed() {
        List<AuditEntry> chain = chain(5);
        chain.remove(3);
        VerifyResult result = verify(chain, List.of());
        assertThat(result.firstBrokenSequence()).isEqualTo(4);
        assertThat(result.reason()).contains("entry 4 is missing");
    }

    @Test
    void swappedEntriesArePinpointed() {
        List<AuditEntry> chain = chain(5);
        AuditEntry second = chain.get(1);
        AuditEntry third = chain.get(2);
        chain.set(1, renumbered(third, 2));
        chain.set(2, renumbered(second, 3));
        assertThat(verify(chain, List.of()).firstBrokenSequence()).isEqualTo(2);
    }

    @Test
    void aRewrittenChainIsCaughtByTheNextCheckpoint() {
        List<AuditEntry> chain = chain(6);
        List<Checkpoint> checkpoints = List.of(checkpoint(chain, 2), checkpoint(chain, 5));
        List<AuditEntry> forged = new ArrayList<>(chain.subList(0, 2));
        String previous = chain.get(1).hash();
        for (AuditEntry entry : chain.subList(2, 6)) {
            AuditEntry changed = new AuditEntry(entry.sequence(), entry.topic(), entry.partition(), entry.offset(),
                    entry.eventType(), entry.eventId(), entry.occurredAt(), entry.tenantId(),
                    entry.sequence() == 4 ? "mallory" : entry.actor(), entry.correlationId(), entry.aggregateId(),
                    entry.aggregateVersion(), entry.payload(), null);
            previous = EntryHasher.hash(previous, changed);
            forged.add(changed.chained(entry.sequence(), previous));
        }
        VerifyResult result = verify(forged, checkpoints);
        assertThat(result.firstBrokenSequence()).isEqualTo(3);
        assertThat(result.reason()).contains("entries 3..5 differ from signed checkpoint 5");
    }

    @Test
    void aCheckpointWithABadSignatureIsPinpointed() {
        List<AuditEntry> chain = chain(4);
        Checkpoint genuine = checkpoint(chain, 2);
        Checkpoint forged = SigningKey.generate().sign(2, genuine.headHash(), 2, genuine.createdAt(), Checkpoint.GENESIS);
        VerifyResult result = verify(chain, List.of(forged));
        assertThat(result.firstBrokenSequence()).isEqualTo(2);
        assertThat(result.reason()).contains("signature");
    }

    @Test
    void entriesDeletedAtTheEndAreFoundThroughTheCheckpointCoveringThem() {
        List<AuditEntry> chain = chain(5);
        Checkpoint checkpoint = checkpoint(chain, 5);
        VerifyResult result = verify(chain.subList(0, 3), List.of(checkpoint));
        assertThat(result.firstBrokenSequence()).isEqualTo(4);
        assertThat(result.reason()).contains("missing");
    }

    @Test
    void aRangeStartsFromTheHashBeforeIt() {
        List<AuditEntry> chain = chain(5);
        ChainVerifier verifier = new ChainVerifier(3, chain.get(1).hash(), List.of(), key::verifies);
        chain.subList(2, 5).forEach(verifier::accept);
        assertThat(verifier.finish()).isEqualTo(VerifyResult.ok(3));
    }

    @Test
    void aBreakOfTheCheckpointsOwnChainIsReportedWhereItLiesUnlessAnEntryBreaksEarlier() {
        List<AuditEntry> chain = chain(6);
        CheckpointChain.Break missing = new CheckpointChain.Break(4, "checkpoint 4 links to a checkpoint that is missing");

        ChainVerifier verifier = new ChainVerifier(1, EntryHasher.GENESIS, List.of(), key::verifies, missing);
        chain.forEach(verifier::accept);
        assertThat(verifier.finish()).isEqualTo(VerifyResult.broken(3, 4, "checkpoint 4 links to a checkpoint that is missing"));

        chain.remove(1);
        ChainVerifier earlier = new ChainVerifier(1, EntryHasher.GENESIS, List.of(), key::verifies, missing);
        chain.forEach(earlier::accept);
        assertThat(earlier.finish().firstBrokenSequence()).isEqualTo(2);

        ChainVerifier beyond = new ChainVerifier(1, EntryHasher.GENESIS, List.of(), key::verifies,
                new CheckpointChain.Break(7, "entries 7..9 follow the latest checkpoint"));
        chain(6).forEach(beyond::accept);
        assertThat(beyond.finish().firstBrokenSequence()).isEqualTo(7);
    }

    private VerifyResult verify(List<AuditEntry> entries, List<Checkpoint> checkpoints) {
        ChainVerifier verifier = new ChainVerifier(1, EntryHasher.GENESIS, checkpoints, key::verifies);
        entries.forEach(verifier::accept);
        return verifier.finish();
    }

    /** Checkpoints that all link to GENESIS: how checkpoints link to each other is CheckpointChainTest's subject. */
    private Checkpoint checkpoint(List<AuditEntry> chain, int sequence) {
        return key.sign(sequence, chain.get(sequence - 1).hash(), sequence, Instant.parse("2026-01-01T00:00:00Z"), Checkpoint.GENESIS);
    }

    private static AuditEntry renumbered(AuditEntry entry, long sequence) {
        return entry.chained(sequence, entry.hash());
    }

    static List<AuditEntry> chain(int length) {
        List<AuditEntry> chain = new ArrayList<>();
        String previous = EntryHasher.GENESIS;
        for (int i = 1; i <= length; i++) {
            AuditEntry entry = new AuditEntry(i, "registry-events", 0, i + 100, "io.modulardata.events.ComponentAccessGranted",
                    "event-" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), "acme", "alice", "corr-" + i, "acme", i,
                    JsonNodeFactory.instance.objectNode().put("componentKey", "etl-core-2.1." + i), null);
            previous = EntryHasher.hash(previous, entry);
            chain.add(entry.chained(i, previous));
        }
        return chain;
    }
}
