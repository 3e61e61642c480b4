package io.modulardata.audit.verify;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.verify.ChainVerification.Verified;
import io.smallrye.mutiny.Uni;

/**
 * Verification for compliance reports: it remembers the latest checkpoint it found intact and verifies only the
 * entries after it (fewer than {@code max-gap} plus what arrived since), after checking that this checkpoint and
 * the stored hash of its entry are unchanged. Concurrent requests share one run, on the {@link VerificationPool}.
 * An edit of an older entry that left its stored hash (and every later one) alone is found by a full
 * {@code GET /audit/verify}, not here.
 */
@ApplicationScoped
public class IncrementalVerification {

    private final Function<Checkpoint, Verified> verifyAfter;
    private final Executor executor;
    /** The latest checkpoint a run found intact; null before the first run. Guarded by this. */
    private Checkpoint verifiedCheckpoint;
    /** The run in progress, which callers join. Guarded by this. */
    private CompletableFuture<Verified> inFlight;

    @Inject
    public IncrementalVerification(ChainVerification verification, VerificationPool pool) {
        this(verification::verifyAfter, pool.executor());
    }

    IncrementalVerification(Function<Checkpoint, Verified> verifyAfter, Executor executor) {
        this.verifyAfter = verifyAfter;
        this.executor = executor;
    }

    /**
     * The verification of the run of entries {@code first..last}: valid with {@code last - first + 1} entries checked,
     * or broken where the chain up to {@code last} first breaks (a break after {@code last} is not this run's).
     */
    public Uni<VerifyResult> verifyRange(long first, long last) {
        return covering(last).map(verified -> {
            VerifyResult result = verified.result();
            if (result.valid() || result.firstBrokenSequence() > last) {
                return VerifyResult.ok(last - first + 1);
            }
            return VerifyResult.broken(Math.max(0, result.firstBrokenSequence() - first), result.firstBrokenSequence(),
                    result.reason());
        });
    }

    /** A run whose snapshot holds entry {@code sequence}: the one in progress if it does, else the next. */
    Uni<Verified> covering(long sequence) {
        return Uni.createFrom().completionStage(this::shared).flatMap(verified -> verified.head() >= sequence
                || !verified.result().valid() ? Uni.createFrom().item(verified)
                        // That run started before the caller read the sequence: the next starts after.
                        : Uni.createFrom().completionStage(this::shared));
    }

    private synchronized CompletableFuture<Verified> shared() {
        // A finished run may not have cleared itself yet (its callbacks run in any order): it is not joined again.
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        Checkpoint from = verifiedCheckpoint;
        CompletableFuture<Verified> run = CompletableFuture.supplyAsync(() -> verifyAfter.apply(from), executor);
        inFlight = run;
        // May run at once, on this thread, when the run is already over.
        run.whenComplete((verified, failure) -> finished(run, verified));
        return run;
    }

    private synchronized void finished(CompletableFuture<Verified> run, Verified verified) {
        if (inFlight == run) {
            inFlight = null;
        }
        Checkpoint latest = verified == null ? null : verified.latestVerifiedCheckpoint();
        if (latest != null && (verifiedCheckpoint == null || latest.sequence() >= verifiedCheckpoint.sequence())) {
            verifiedCheckpoint = latest;
        }
    }
}
