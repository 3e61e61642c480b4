package io.modulardata.audit.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modulardata.audit.AuditConfig;
import io.modulardata.audit.DataSources;
import io.modulardata.audit.chain.ChainVerifier;
import io.modulardata.audit.chain.EntryHasher;
import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.checkpoint.CheckpointChain;
import io.modulardata.audit.checkpoint.CheckpointRows;
import io.modulardata.audit.checkpoint.SigningKey;
import io.modulardata.audit.query.AuditEntries;
import io.quarkus.logging.Log;

/**
 * Streams the chain out of the database in sequence order and recomputes it with {@link ChainVerifier},
 * checking the checkpoints' own chain with {@link CheckpointChain} (blocking; run it on the
 * {@link VerificationPool}, whose connections are its own). A range starts from the stored hash of the
 * entry before it; each verification reads one snapshot, so a concurrent append is seen whole or not at all.
 */
@ApplicationScoped
public class ChainVerification {

    /** A verification and what it saw: the log's last sequence, and its latest checkpoint, when the chain up to it held. */
    public record Verified(VerifyResult result, long head, Checkpoint latestVerifiedCheckpoint) {
    }

    private final DataSource dataSource;
    private final SigningKey key;
    private final CheckpointChain checkpointChain;
    private final Timer duration;
    private final VerificationOutcomes outcomes;
    private final AuditEntries entries;

    @Inject
    public ChainVerification(@io.quarkus.agroal.DataSource(DataSources.VERIFY) DataSource dataSource, SigningKey key,
            AuditConfig config, MeterRegistry meters, AuditEntries entries) {
        this(dataSource, key, config.checkpoints().maxGap(), meters, entries);
    }

    public ChainVerification(DataSource dataSource, SigningKey key, int maxGap, MeterRegistry meters, AuditEntries entries) {
        this.dataSource = dataSource;
        this.entries = entries;
        this.key = key;
        this.checkpointChain = new CheckpointChain(maxGap);
        this.duration = Timer.builder("audit.verify.duration").description("Time to verify the chain (or a range of it)")
                .register(meters);
        this.outcomes = new VerificationOutcomes(meters, java.time.Clock.systemUTC());
    }

    /** Verifies entries {@code from..to} (inclusive; null = from the first, to the last). */
    public VerifyResult verify(Long from, Long to) {
        long first = from == null ? 1 : from;
        long last = to == null ? Long.MAX_VALUE : to;
        return recorded(timed(connection -> range(connection, first, last, null).result()));
    }

    private VerifyResult recorded(VerifyResult result) {
        outcomes.record(result);
        return result;
    }

    /**
     * Verifies the entries that occurred in [from, to) (null bounds are open): the contiguous run of the
     * chain from the first to the last of them, since a chain can only be checked link by link.
     * A period without entries is valid with nothing checked.
     */
    public VerifyResult verifyPeriod(Instant from, Instant to) {
        long[] range = entries.sequenceRange(from, to);
        return range == null ? VerifyResult.ok(0) : verify(range[0], range[1]);
    }

    /**
     * Verifies the entries after {@code verified}, a checkpoint an earlier verification found intact (null: the
     * whole chain), up to the log's head. The checkpoint row and the stored hash of its entry must still be as they
     * were; if either changed, the whole chain is verified again, which names the first break.
     */
    public Verified verifyAfter(Checkpoint verified) {
        Verified run = verifiedAfter(verified);
        outcomes.record(run.result());
        return run;
    }

    private Verified verifiedAfter(Checkpoint verified) {
        return timed(connection -> {
            if (verified != null && unchanged(connection, verified)) {
                return range(connection, verified.sequence() + 1, Long.MAX_VALUE, verified);
            }
            if (verified != null) {
                Log.warnf("Checkpoint %d or its entry changed since it was verified: verifying the whole chain again",
                        verified.sequence());
            }
            return range(connection, 1, Long.MAX_VALUE, null);
        });
    }

    /**
     * Checks the live log against a checkpoint exported earlier (its signature already checked): the chain up to
     * the checkpoint's entry still verifies, hashes to the exported head, and holds that same checkpoint.
     */
    public VerifyResult verifyAgainst(Checkpoint exported) {
        long sequence = exported.sequence();
        return recorded(timed(connection -> {
            long head = head(connection);
            if (head < sequence) {
                return VerifyResult.broken(0, head + 1, "the live log ends at entry " + head + ", before entry " + sequence
                        + " of the exported checkpoint: entries were deleted");
            }
            VerifyResult chain = range(connection, 1, sequence, null).result();
            if (!chain.valid()) {
                return chain;
            }
            String liveHash = hashOf(connection, sequence);
            if (!exported.headHash().equals(liveHash)) {
                return VerifyResult.broken(chain.checkedEntries(), sequence, "the live log's entries 1.." + sequence + " hash to "
                        + liveHash + ", not to the exported checkpoint's " + exported.headHash()
                        + ": the log was rewritten before it (and its checkpoints signed again)");
            }
            Checkpoint live = CheckpointRows.at(connection, sequence);
            if (live == null) {
                return VerifyResult.broken(chain.checkedEntries(), sequence, "the live log has no checkpoint " + sequence
                        + ": it was deleted, though the entries up to it still match the exported one");
            }
            if (!live.hash().equals(exported.hash())) {
                return VerifyResult.broken(chain.checkedEntries(), sequence, "the live log's checkpoint " + sequence
                        + " differs from the exported one: it was replaced");
            }
            return chain;
        }));
    }

    private Verified range(Connection connection, long first, long last, Checkpoint verified) throws SQLException {
        long head = head(connection);
        String previousHash = verified != null ? verified.headHash() : first == 1 ? EntryHasher.GENESIS : hashOf(connection, first - 1);
        if (previousHash == null) {
            return new Verified(VerifyResult.broken(0, first - 1, "entry " + (first - 1) + " is missing"), head, null);
        }
        Checkpoint before = verified != null ? verified : CheckpointRows.before(connection, first);
        List<Checkpoint> inRange = CheckpointRows.between(connection, first, last);
        Checkpoint after = last == Long.MAX_VALUE ? null : CheckpointRows.after(connection, last);
        List<Checkpoint> run = new ArrayList<>(inRange);
        if (after != null) {
            run.add(after);
        }
        CheckpointChain.Break checkpointBreak = within(checkpointChain.firstBreak(before, run, after == null, head), first, last);
        ChainVerifier verifier = new ChainVerifier(first, previousHash, inRange, key::verifies, checkpointBreak);
        try (PreparedStatement query = connection.prepareStatement("select " + AuditEntries.COLUMNS
                + " from audit_entry where sequence >= ? and sequence <= ? order by sequence")) {
            query.setFetchSize(5000);
            query.setLong(1, first);
            query.setLong(2, last);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next() && verifier.accept(AuditEntries.entry(rows))) {
                    // keeps going while the chain holds
                }
            }
        }
        VerifyResult result = verifier.finish();
        Checkpoint latest = !result.valid() ? null : inRange.isEmpty() ? verified : inRange.get(inRange.size() - 1);
        return new Verified(result, head, latest);
    }

    /** A break outside [first, last] is not this range's; one before it (a gap reaching into it) is reported at its start. */
    private static CheckpointChain.Break within(CheckpointChain.Break found, long first, long last) {
        if (found == null || found.sequence() > last) {
            return null;
        }
        return found.sequence() < first ? new CheckpointChain.Break(first, found.reason()) : found;
    }

    private static boolean unchanged(Connection connection, Checkpoint verified) throws SQLException {
        return verified.equals(CheckpointRows.at(connection, verified.sequence()))
                && verified.headHash().equals(hashOf(connection, verified.sequence()));
    }

    private static long head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select coalesce(max(sequence), 0) from audit_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String hashOf(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select hash from audit_entry where sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private interface InSnapshot<T> {
        T read(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one read-only REPEATABLE READ transaction, timed. */
    private <T> T timed(InSnapshot<T> work) {
        return duration.record(() -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try {
                    return work.read(connection);
                } finally {
                    connection.rollback();
                    connection.setAutoCommit(true);
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Chain verification failed to read the log: " + e.getMessage(), e);
            }
        });
    }
}
