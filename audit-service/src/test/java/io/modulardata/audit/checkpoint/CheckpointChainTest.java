package io.modulardata.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CheckpointChainTest {

    private static final int MAX_GAP = 5;
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private final SigningKey key = SigningKey.generate();
    private final CheckpointChain rules = new CheckpointChain(MAX_GAP);

    @Test
    void checkpointsLinkedFromTheStartAndCloseEnoughHold() {
        List<Checkpoint> chain = chained(null, 5, 10, 13, 18);
        assertThat(rules.firstBreak(null, chain, true, 22)).isNull();
        assertThat(rules.firstBreak(chain.get(1), chain.subList(2, 4), true, 22)).isNull();
    }

    @Test
    void aCheckpointDeletedBetweenTwoOthersBreaksTheLaterOnesLink() {
        List<Checkpoint> chain = chained(null, 3, 6, 8);
        CheckpointChain.Break found = rules.firstBreak(null, List.of(chain.get(0), chain.get(2)), true, 8);
        assertThat(found.sequence()).isEqualTo(8);
        assertThat(found.reason()).contains("checkpoint 8 links to a checkpoint that is missing");
    }

    @Test
    void checkpointsFurtherApartThanMaxGapAreReportedFromTheEntryAfterTheFirst() {
        List<Checkpoint> chain = chained(null, 5, 10, 15);
        CheckpointChain.Break found = rules.firstBreak(null, List.of(chain.get(0), chain.get(2)), true, 15);
        assertThat(found.sequence()).isEqualTo(6);
        assertThat(found.reason()).contains("checkpoints 5 and 15 are 10 entries apart, more than the 5 allowed");
    }

    @Test
    void aFirstCheckpointTooFarFromTheStartIsReported() {
        CheckpointChain.Break found = rules.firstBreak(null, chained(null, 6), true, 6);
        assertThat(found.sequence()).isEqualTo(1);
        assertThat(found.reason()).contains("the first checkpoint, 6, comes 6 entries after the log's start");
    }

    @Test
    void asManyEntriesAsMaxGapAfterTheLatestCheckpointMeanTheCheckpointsOverThemAreMissing() {
        List<Checkpoint> chain = chained(null, 5, 10);
        assertThat(rules.firstBreak(null, chain, true, 14)).isNull();
        CheckpointChain.Break found = rules.firstBreak(null, chain, true, 15);
        assertThat(found.sequence()).isEqualTo(11);
        assertThat(found.reason()).contains("entries 11..15 follow the latest checkpoint 10");
        // Not the log's latest checkpoint: what follows is the next checkpoint's business.
        assertThat(rules.firstBreak(null, chain, false, 15)).isNull();
    }

    @Test
    void aLogWithEntriesButNoCheckpointIsBrokenFromItsFirstEntry() {
        assertThat(rules.firstBreak(null, List.of(), true, 4)).isNull();
        CheckpointChain.Break found = rules.firstBreak(null, List.of(), true, 5);
        assertThat(found.sequence()).isEqualTo(1);
        assertThat(found.reason()).contains("follow no checkpoint");
    }

    @Test
    void theFirstCheckpointOfALogLinksToGenesis() {
        Checkpoint first = key.sign(3, "a".repeat(64), 3, AT, "b".repeat(64));
        CheckpointChain.Break found = rules.firstBreak(null, List.of(first), true, 3);
        assertThat(found.sequence()).isEqualTo(3);
        assertThat(found.reason()).contains("no checkpoint comes before it");
    }

    @Test
    void anExistingLogsUnchainedCheckpointsAreFollowedByOneLinkedToTheLatestOfThem() {
        Checkpoint legacy1 = unchained(4);
        Checkpoint legacy2 = unchained(12);
        // The first chained checkpoint may be far from the last unchained one: the old writer signed at batch ends.
        Checkpoint first = key.sign(20, "c".repeat(64), 20, AT, legacy2.hash());
        List<Checkpoint> chain = new ArrayList<>(List.of(legacy1, legacy2, first));
        chain.addAll(chained(first, 24));
        assertThat(rules.firstBreak(null, chain, true, 27)).isNull();

        Checkpoint linkedToTheOlder = key.sign(20, "c".repeat(64), 20, AT, legacy1.hash());
        assertThat(rules.firstBreak(null, List.of(legacy1, legacy2, linkedToTheOlder), true, 20).sequence()).isEqualTo(20);
    }

    @Test
    void anUnchainedCheckpointAfterAChainedOneIsReported() {
        List<Checkpoint> chain = new ArrayList<>(chained(null, 5));
        chain.add(unchained(9));
        CheckpointChain.Break found = rules.firstBreak(null, chain, true, 9);
        assertThat(found.sequence()).isEqualTo(9);
        assertThat(found.reason()).contains("checkpoint 9 is not chained");
    }

    /** Checkpoints at {@code sequences}, each linked to the one before, the first to {@code before} (or genesis). */
    private List<Checkpoint> chained(Checkpoint before, long... sequences) {
        List<Checkpoint> chain = new ArrayList<>();
        String previous = before == null ? Checkpoint.GENESIS : before.hash();
        for (long sequence : sequences) {
            Checkpoint checkpoint = key.sign(sequence, Long.toHexString(sequence).repeat(64).substring(0, 64), sequence, AT, previous);
            chain.add(checkpoint);
            previous = checkpoint.hash();
        }
        return chain;
    }

    private Checkpoint unchained(long sequence) {
        return key.sign(sequence, "d".repeat(64), sequence, AT, null);
    }
}
