package io.modulardata.audit.checkpoint;

import java.util.List;

/**
 * The rules checkpoints obey among themselves (whether the entries match them is {@code ChainVerifier}'s job).
 * Deleting checkpoints must not make an edited log look valid, so:
 * <ul>
 * <li>each chained checkpoint links to the hash of the checkpoint before it ({@link Checkpoint#GENESIS} for
 * the first of a log): a checkpoint deleted between two others breaks the later one's link;</li>
 * <li>an unchained checkpoint (signed before checkpoints were chained) may only come before every chained one;</li>
 * <li>two consecutive chained checkpoints, and the log's start and a chained first checkpoint, are at most
 * {@code maxGap} entries apart;</li>
 * <li>fewer than {@code maxGap} entries follow the latest checkpoint: the writer signs one at least every
 * {@code maxGap} entries, so a longer tail means the checkpoints over it were deleted.</li>
 * </ul>
 * The gap from the last unchained to the first chained checkpoint is not limited: the writer that signed
 * unchained checkpoints placed them only at the end of a batch.
 */
public final class CheckpointChain {

    /** Where the chain of checkpoints first breaks: the sequence a verification reports, and why. */
    public record Break(long sequence, String reason) {
    }

    private final int maxGap;

    public CheckpointChain(int maxGap) {
        this.maxGap = maxGap;
    }

    /**
     * @param before     the checkpoint right before {@code run}, or null when none comes before it in the log
     * @param run        consecutive checkpoints of the log, in sequence order
     * @param endsLatest whether the last of {@code run} is the log's latest checkpoint (then the tail rule applies)
     * @param head       the sequence of the log's last entry
     * @return the first break in sequence order, or null when the rules hold
     */
    public Break firstBreak(Checkpoint before, List<Checkpoint> run, boolean endsLatest, long head) {
        Checkpoint previous = before;
        for (Checkpoint checkpoint : run) {
            Break broken = link(previous, checkpoint);
            if (broken != null) {
                return broken;
            }
            previous = checkpoint;
        }
        if (!endsLatest) {
            return null;
        }
        long last = previous == null ? 0 : previous.sequence();
        if (head - last >= maxGap) {
            return new Break(last + 1, "entries " + (last + 1) + ".." + head + " follow " + (previous == null
                    ? "no checkpoint" : "the latest checkpoint " + last) + ", but fewer than " + maxGap
                    + " may (modulardata.audit.checkpoints.max-gap): the checkpoints signed over them are missing");
        }
        return null;
    }

    private Break link(Checkpoint previous, Checkpoint checkpoint) {
        long from = previous == null ? 0 : previous.sequence();
        if (!checkpoint.isChained()) {
            if (previous != null && previous.isChained()) {
                return new Break(checkpoint.sequence(), "checkpoint " + checkpoint.sequence()
                        + " is not chained, though checkpoint " + from + " before it is");
            }
            return null;
        }
        if (previous == null || previous.isChained()) {
            long gap = checkpoint.sequence() - from;
            if (gap > maxGap) {
                String where = previous == null ? "the first checkpoint, " + checkpoint.sequence() + ", comes " + gap
                        + " entries after the log's start" : "checkpoints " + from + " and " + checkpoint.sequence() + " are "
                        + gap + " entries apart";
                return new Break(from + 1, where + ", more than the " + maxGap
                        + " allowed (modulardata.audit.checkpoints.max-gap): the checkpoints between them are missing");
            }
        }
        String expected = previous == null ? Checkpoint.GENESIS : previous.hash();
        if (!expected.equals(checkpoint.previousCheckpointHash())) {
            return new Break(checkpoint.sequence(), "checkpoint " + checkpoint.sequence() + " links to a checkpoint that is missing: "
                    + (previous == null ? "no checkpoint comes before it" : "the one before it, " + from + ", has another hash")
                    + " (it was deleted or replaced)");
        }
        return null;
    }
}
