package io.modulardata.audit.chain;

import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.checkpoint.CheckpointChain;

/**
 * Recomputes the chain over a run of entries fed in sequence order and checks the signed checkpoints
 * that fall in it. Stops at the first break and names it:
 * <ul>
 * <li>a missing sequence number (a deleted row) is broken at the missing number;</li>
 * <li>an entry whose recomputed hash differs from its stored one (edited, or moved to another
 * position: the sequence is part of the hashed bytes) is broken at that entry;</li>
 * <li>a chain whose hashes were all recomputed after an edit still differs from the next signed
 * checkpoint: broken at the first entry after the previous checkpoint;</li>
 * <li>a checkpoint whose signature does not verify is broken at its sequence;</li>
 * <li>a break of the checkpoints' own chain ({@link CheckpointChain}: a missing checkpoint, too long a gap),
 * found beforehand and passed in, is reported where it lies unless an entry breaks earlier.</li>
 * </ul>
 */
public final class ChainVerifier {

    private final NavigableMap<Long, Checkpoint> checkpoints;
    private final Predicate<Checkpoint> signatureValid;
    private long expectedSequence;
    private String previousHash;
    private long lastCheckpoint;
    private long checked;
    private final CheckpointChain.Break checkpointBreak;
    private VerifyResult broken;

    public ChainVerifier(long firstSequence, String previousHash, Iterable<Checkpoint> checkpoints,
            Predicate<Checkpoint> signatureValid) {
        this(firstSequence, previousHash, checkpoints, signatureValid, null);
    }

    /**
     * @param firstSequence   the first sequence to be fed
     * @param previousHash    the stored hash of entry {@code firstSequence - 1} ({@link EntryHasher#GENESIS} for 1)
     * @param checkpoints     the checkpoints with a sequence in the verified range
     * @param checkpointBreak where the checkpoints' own chain breaks within the range, or null
     */
    public ChainVerifier(long firstSequence, String previousHash, Iterable<Checkpoint> checkpoints,
            Predicate<Checkpoint> signatureValid, CheckpointChain.Break checkpointBreak) {
        this.checkpointBreak = checkpointBreak;
        this.expectedSequence = firstSequence;
        this.previousHash = previousHash;
        this.lastCheckpoint = firstSequence - 1;
        this.signatureValid = signatureValid;
        this.checkpoints = new TreeMap<>();
        checkpoints.forEach(checkpoint -> this.checkpoints.put(checkpoint.sequence(), checkpoint));
    }

    /** Checks the next entry; false once the chain is broken (further entries are ignored). */
    public boolean accept(AuditEntry entry) {
        if (broken != null) {
            return false;
        }
        if (checkpointBreak != null && checkpointBreak.sequence() <= Math.min(entry.sequence(), expectedSequence)) {
            return fail(checkpointBreak.sequence(), checkpointBreak.reason());
        }
        if (entry.sequence() != expectedSequence) {
            if (entry.sequence() > expectedSequence) {
                return fail(expectedSequence, "entry " + expectedSequence + " is missing (the next stored entry is "
                        + entry.sequence() + ")");
            }
            return fail(entry.sequence(), "entry " + entry.sequence() + " appears out of order");
        }
        String recomputed = EntryHasher.hash(previousHash, entry);
        if (!recomputed.equals(entry.hash())) {
            return fail(entry.sequence(), "entry " + entry.sequence() + " does not match its hash: it was changed or moved");
        }
        Checkpoint checkpoint = checkpoints.get(entry.sequence());
        if (checkpoint != null) {
            if (!signatureValid.test(checkpoint)) {
                return fail(checkpoint.sequence(), "the signature of checkpoint " + checkpoint.sequence() + " does not verify");
            }
            if (!checkpoint.headHash().equals(recomputed) || checkpoint.entryCount() != entry.sequence()) {
                return fail(lastCheckpoint + 1, "entries " + (lastCheckpoint + 1) + ".." + entry.sequence()
                        + " differ from signed checkpoint " + entry.sequence() + ": they were rewritten");
            }
            lastCheckpoint = entry.sequence();
        }
        previousHash = recomputed;
        expectedSequence++;
        checked++;
        return true;
    }

    /** The result once every entry was fed; checkpoints beyond the last entry mean entries were deleted at the end. */
    public VerifyResult finish() {
        if (broken != null) {
            return broken;
        }
        if (checkpointBreak != null && checkpointBreak.sequence() <= expectedSequence) {
            return VerifyResult.broken(checked, checkpointBreak.sequence(), checkpointBreak.reason());
        }
        var beyond = checkpoints.tailMap(expectedSequence, true);
        if (!beyond.isEmpty()) {
            Checkpoint checkpoint = beyond.firstEntry().getValue();
            if (signatureValid.test(checkpoint)) {
                return VerifyResult.broken(checked, expectedSequence, "entries " + expectedSequence + ".." + checkpoint.sequence()
                        + " are missing: signed checkpoint " + checkpoint.sequence() + " covers them");
            }
            return VerifyResult.broken(checked, checkpoint.sequence(),
                    "the signature of checkpoint " + checkpoint.sequence() + " does not verify");
        }
        if (checkpointBreak != null) {
            return VerifyResult.broken(checked, checkpointBreak.sequence(), checkpointBreak.reason());
        }
        return VerifyResult.ok(checked);
    }

    private boolean fail(long sequence, String reason) {
        broken = VerifyResult.broken(checked, sequence, reason);
        return false;
    }
}
