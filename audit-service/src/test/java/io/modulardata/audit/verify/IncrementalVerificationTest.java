package io.modulardata.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.verify.ChainVerification.Verified;

class IncrementalVerificationTest {

    /** Where each run started: the checkpoint it was given (null: the whole chain). */
    private final List<Checkpoint> startedAfter = new ArrayList<>();
    /** What the next runs find. */
    private final Deque<Verified> outcomes = new ArrayDeque<>();

    @Test
    void aRunOverBeforeAnyoneCouldJoinItIsStillHandedToItsCaller() {
        outcomes.add(valid(10, checkpoint(8)));
        IncrementalVerification incremental = incremental(Runnable::run);

        assertThat(incremental.verifyRange(3, 10).await().indefinitely()).isEqualTo(VerifyResult.ok(8));
    }

    @Test
    void eachRunStartsAfterTheLatestCheckpointAnEarlierRunFoundIntact() {
        outcomes.add(valid(7, checkpoint(5)));
        outcomes.add(new Verified(VerifyResult.broken(0, 8, "entry 8 does not match its hash"), 9, null));
        outcomes.add(valid(12, checkpoint(10)));
        IncrementalVerification incremental = incremental(Runnable::run);

        incremental.verifyRange(1, 7).await().indefinitely();
        incremental.verifyRange(1, 9).await().indefinitely();
        incremental.verifyRange(1, 12).await().indefinitely();

        // A broken run leaves the checkpoint where it was.
        assertThat(startedAfter).containsExactly(null, checkpoint(5), checkpoint(5));
    }

    @Test
    void callersAtTheSameTimeShareOneRun() {
        outcomes.add(valid(9, checkpoint(5)));
        List<Runnable> queued = new ArrayList<>();
        IncrementalVerification incremental = incremental(queued::add);

        CompletableFuture<VerifyResult> first = incremental.verifyRange(1, 9).subscribeAsCompletionStage();
        CompletableFuture<VerifyResult> second = incremental.verifyRange(4, 9).subscribeAsCompletionStage();
        assertThat(queued).hasSize(1);
        queued.get(0).run();

        assertThat(first).isCompletedWithValue(VerifyResult.ok(9));
        assertThat(second).isCompletedWithValue(VerifyResult.ok(6));
        assertThat(startedAfter).hasSize(1);
    }

    @Test
    void aCallerWhoseEntryTheRunInProgressDidNotSeeGetsTheNextRun() {
        outcomes.add(valid(4, checkpoint(3)));
        outcomes.add(valid(9, checkpoint(8)));
        IncrementalVerification incremental = incremental(Runnable::run);

        assertThat(incremental.verifyRange(6, 7).await().indefinitely()).isEqualTo(VerifyResult.ok(2));
        assertThat(startedAfter).containsExactly(null, checkpoint(3));
    }

    @Test
    void aBreakUpToTheRangesLastEntryIsReportedAndOneAfterItIsNot() {
        Verified broken = new Verified(VerifyResult.broken(5, 6, "entry 6 is missing"), 10, null);
        outcomes.add(broken);
        outcomes.add(broken);
        outcomes.add(broken);
        IncrementalVerification incremental = incremental(Runnable::run);

        assertThat(incremental.verifyRange(3, 8).await().indefinitely()).isEqualTo(VerifyResult.broken(3, 6, "entry 6 is missing"));
        assertThat(incremental.verifyRange(8, 9).await().indefinitely()).isEqualTo(VerifyResult.broken(0, 6, "entry 6 is missing"));
        assertThat(incremental.verifyRange(1, 5).await().indefinitely()).isEqualTo(VerifyResult.ok(5));
    }

    private IncrementalVerification incremental(Executor executor) {
        return new IncrementalVerification(after -> {
            startedAfter.add(after);
            return outcomes.remove();
        }, executor);
    }

    private static Verified valid(long head, Checkpoint latest) {
        return new Verified(VerifyResult.ok(head), head, latest);
    }

    private static Checkpoint checkpoint(long sequence) {
        return new Checkpoint(sequence, "a".repeat(64), sequence, Instant.EPOCH, "0123456789abcdef", "signature", Checkpoint.GENESIS);
    }
}
