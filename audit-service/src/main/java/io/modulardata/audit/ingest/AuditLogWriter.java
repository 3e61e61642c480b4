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
import io.modulardata.audit.checkpoint.SigningKey;

/**
 * Appends events to the chain, one transaction per batch. The chain needs a single writer: every
 * batch first takes a transaction-scoped PostgreSQL advisory lock and reads the chain head inside it,
 * so any number of instances (sharing the partitions of one consumer group) append one batch at a
 * time on top of each other's heads. Repeats within the batch are dropped first. Events already
 * stored (same eventId) are found by the unique index on event_id: the rows are copied straight into
 * the table ({@link EntryCopy}); when the COPY hits a stored eventId, it is rolled back to a savepoint
 * and the batch is chained again without the stored events, so a duplicate never takes a sequence number or
 * advances the chain. Checkpoints are signed in the same transaction.
 */
public final class AuditLogWriter {

    static final long WRITER_LOCK_KEY = 0x6D64705F61756469L; // "mdp_audi"

    private final DataSource dataSource;
    private final SigningKey key;
    private final int checkpointEvery;
    private final Duration checkpointInterval;
    private final Clock clock;

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
                checkpointIfDue(connection, newHead);
                connection.commit();
                return new AppendResult(chained.size(), events.size() - chained.size(), newHead.sequence());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
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

    /** Signs a checkpoint when one is due by time though nothing new arrived by count. */
    public void checkpointIfDue() throws SQLException {
        append(List.of());
    }

    private void checkpointIfDue(Connection connection, Head head) throws SQLException {
        if (head.sequence() == 0) {
            return;
        }
        long lastSequence = 0;
        Instant lastAt = Instant.EPOCH;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select sequence, created_at from audit_checkpoint order by sequence desc limit 1")) {
            if (rows.next()) {
                lastSequence = rows.getLong(1);
                lastAt = rows.getObject(2, java.time.OffsetDateTime.class).toInstant();
            }
        }
        Instant now = clock.instant();
        boolean dueByCount = head.sequence() - lastSequence >= checkpointEvery;
        boolean dueByTime = head.sequence() > lastSequence && !now.isBefore(lastAt.plus(checkpointInterval));
        if (!dueByCount && !dueByTime) {
            return;
        }
        Checkpoint checkpoint = key.sign(head.sequence(), head.hash(), head.sequence(), now);
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into audit_checkpoint (sequence, head_hash, entry_count, created_at, key_id, signature)
                values (?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, checkpoint.sequence());
            insert.setString(2, checkpoint.headHash());
            insert.setLong(3, checkpoint.entryCount());
            insert.setObject(4, java.time.OffsetDateTime.ofInstant(checkpoint.createdAt(), java.time.ZoneOffset.UTC));
            insert.setString(5, checkpoint.keyId());
            insert.setString(6, checkpoint.signature());
            insert.executeUpdate();
        }
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
