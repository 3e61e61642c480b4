package io.modulardata.audit.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.CanonicalEntry;
import io.modulardata.audit.chain.EntryHasher;
import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.checkpoint.CheckpointRows;
import io.modulardata.audit.checkpoint.SigningKey;
import io.quarkus.logging.Log;

/**
 * Appends events to the chain, one transaction per batch. The chain needs a single writer: every
 * batch first takes a transaction-scoped PostgreSQL advisory lock and reads the chain head inside it,
 * so any number of instances (sharing the partitions of one consumer group) append one batch at a
 * time on top of each other's heads. Repeats within the batch are dropped first. Events already
 * stored (same eventId) are found by the unique index on event_id: the rows are copied straight into
 * the table ({@link EntryCopy}); when the COPY hits a stored eventId, it is rolled back to a savepoint
 * and the batch is chained again without the stored events, so a duplicate never takes a sequence number or
 * advances the chain. Checkpoints are signed in the same transaction, so the log never holds more than
 * {@code checkpointEvery - 1} entries after its latest checkpoint once a batch is committed.
 */
public final class AuditLogWriter {

    static final long WRITER_LOCK_KEY = 0x6D64705F61756469L; // "mdp_audi"

    private final DataSource dataSource;
    private final SigningKey key;
    private final int checkpointEvery;
    private final Duration checkpointInterval;
    private final Clock clock;
    /** The latest checkpoint this writer signed (committed); the log's latest is never behind it unless one was deleted. */
    private volatile Checkpoint lastSigned;
    private volatile boolean reportedMissing;
    /**
     * Before this, no checkpoint can be due by time: the latest checkpoint's time plus the interval, as the last
     * transaction saw it. An idle ingest loop asks on every empty poll; this spares the database those questions.
     */
    private volatile Instant nextTimeCheck = Instant.MIN;

    public AuditLogWriter(DataSource dataSource, SigningKey key, int checkpointEvery, Duration checkpointInterval, Clock clock) {
        this.dataSource = dataSource;
        this.key = key;
        this.checkpointEvery = checkpointEvery;
        this.checkpointInterval = checkpointInterval;
        this.clock = clock;
    }

    /** What one batch did. */
    public record AppendResult(int appended, int duplicates, long head) {
    }

    public AppendResult append(List<AuditEntry> events) throws SQLException {
        return appendPrepared(events.stream().map(CanonicalEntry::of).toList());
    }

    /** Appends events whose canonical bytes were prepared beforehand (off the writer's critical path). */
    public AppendResult appendPrepared(List<CanonicalEntry> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lock(connection);
                Head head = head(connection);
                Map<String, CanonicalEntry> unique = new LinkedHashMap<>();
                events.forEach(event -> unique.putIfAbsent(event.entry().eventId(), event));
                // Fast path: assume none is stored yet (redeliveries are rare). If the unique index says
                // otherwise, undo the copy, leave out the stored events and chain the rest again.
                List<EntryCopy.Row> chained = chain(head, unique.values(), Set.of());
                if (!chained.isEmpty()) {
                    Savepoint beforeCopy = connection.setSavepoint();
                    try {
                        EntryCopy.copy(connection, chained);
                    } catch (SQLException e) {
                        if (!EntryCopy.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                        connection.rollback(beforeCopy);
                        chained = chain(head, unique.values(), stored(connection, unique.keySet()));
                        if (!chained.isEmpty()) {
                            EntryCopy.copy(connection, chained);
                        }
                    }
                }
                Head newHead = chained.isEmpty() ? head
                        : new Head(chained.get(chained.size() - 1).sequence(), chained.get(chained.size() - 1).hash());
                Signing signing = checkpoint(connection, chained, newHead);
                List<Checkpoint> signed = signing.signed();
                connection.commit();
                nextTimeCheck = signing.nextDueByTime();
                if (!signed.isEmpty()) {
                    lastSigned = signed.get(signed.size() - 1);
                }
                return new AppendResult(chained.size(), events.size() - chained.size(), newHead.sequence());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Sequence number of the newest entry (0 for an empty chain). */
    public long headSequence() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return head(connection).sequence();
        }
    }

    private static List<EntryCopy.Row> chain(Head head, Collection<CanonicalEntry> events, Set<String> stored) {
        List<EntryCopy.Row> chained = new ArrayList<>(events.size());
        long sequence = head.sequence();
        String hash = head.hash();
        for (CanonicalEntry event : events) {
            if (!stored.contains(event.entry().eventId())) {
                hash = event.hash(hash, ++sequence);
                chained.add(new EntryCopy.Row(event, sequence, hash));
            }
        }
        return chained;
    }

    /**
     * Signs a checkpoint when one is due by time though nothing new arrived by count. Asks the database only once
     * one can be due: at the latest checkpoint's time plus the interval, or an interval after the last look when
     * nothing was waiting for one (any instance's next append signs it then, being due by time).
     */
    public void checkpointIfDue() throws SQLException {
        if (clock.instant().isBefore(nextTimeCheck)) {
            return;
        }
        append(List.of());
    }

    /** The checkpoints one transaction signs, and the earliest time one can next be due by time. */
    private record Signing(List<Checkpoint> signed, Instant nextDueByTime) {
    }

    /**
     * Signs a checkpoint on every entry {@code checkpointEvery} entries after the previous one (within the batch, so
     * no two are further apart), and one on the head when {@code checkpointInterval} has passed since the last or the
     * last is unchained (signed before checkpoints were chained). Each links to the hash of the one before it.
     */
    private Signing checkpoint(Connection connection, List<EntryCopy.Row> chained, Head head) throws SQLException {
        Instant now = clock.instant();
        Signing nothing = new Signing(List.of(), now.plus(checkpointInterval));
        if (head.sequence() == 0) {
            return nothing;
        }
        List<Checkpoint> latest = CheckpointRows.latest(connection, 1);
        Checkpoint last = latest.isEmpty() ? null : latest.get(0);
        if (deletedBehindUs(last)) {
            return nothing;
        }
        long lastSequence = last == null ? 0 : last.sequence();
        String lastHash = last == null ? Checkpoint.GENESIS : last.hash();
        Instant lastAt = last == null ? Instant.EPOCH : last.createdAt();
        boolean lastChained = last == null || last.isChained();
        List<Checkpoint> signed = new ArrayList<>();
        for (EntryCopy.Row row : chained) {
            if (row.sequence() - lastSequence >= checkpointEvery) {
                Checkpoint checkpoint = key.sign(row.sequence(), row.hash(), row.sequence(), now, lastHash);
                signed.add(checkpoint);
                lastSequence = checkpoint.sequence();
                lastHash = checkpoint.hash();
                lastAt = now;
                lastChained = true;
            }
        }
        boolean dueByTime = !now.isBefore(lastAt.plus(checkpointInterval));
        if (head.sequence() > lastSequence && (dueByTime || !lastChained)) {
            signed.add(key.sign(head.sequence(), head.hash(), head.sequence(), now, lastHash));
            lastAt = now;
        }
        if (!signed.isEmpty()) {
            CheckpointRows.insert(connection, signed);
        }
        Instant due = lastAt.plus(checkpointInterval);
        return new Signing(signed, due.isAfter(now) ? due : now.plus(checkpointInterval));
    }

    /**
     * Whether the log's latest checkpoint is behind (or other than) the latest this writer signed: someone deleted
     * checkpoints. Signing on would link the next checkpoint over the hole and hide it, so this writer signs no more
     * (ingest goes on) and verification keeps reporting the checkpoints as missing.
     */
    private boolean deletedBehindUs(Checkpoint last) {
        Checkpoint mine = lastSigned;
        boolean missing = mine != null && (last == null || last.sequence() < mine.sequence()
                || last.sequence() == mine.sequence() && !last.equals(mine));
        if (missing && !reportedMissing) {
            Log.errorf("Checkpoint %d, signed by this instance, is missing from audit_checkpoint or was replaced: checkpoints"
                    + " were deleted. No checkpoint is signed over the hole; verification reports it", mine.sequence());
        }
        reportedMissing = missing;
        return missing;
    }

    private record Head(long sequence, String hash) {
    }

    private static void lock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_xact_lock(" + WRITER_LOCK_KEY + ")");
        }
    }

    private static Head head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select sequence, hash from audit_entry order by sequence desc limit 1")) {
            return rows.next() ? new Head(rows.getLong(1), rows.getString(2)) : new Head(0, EntryHasher.GENESIS);
        }
    }

    private static Set<String> stored(Connection connection, Set<String> eventIds) throws SQLException {
        Set<String> stored = new HashSet<>();
        if (eventIds.isEmpty()) {
            return stored;
        }
        try (PreparedStatement query = connection.prepareStatement("select event_id from audit_entry where event_id = any(?)")) {
            query.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
        }
        return stored;
    }
}
