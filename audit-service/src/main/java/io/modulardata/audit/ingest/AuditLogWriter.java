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

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.CanonicalJson;
import io.modulardata.audit.chain.EntryHasher;
import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.checkpoint.SigningKey;

/**
 * Appends events to the chain, one transaction per batch. The chain needs a single writer: every
 * batch first takes a transaction-scoped PostgreSQL advisory lock and reads the chain head inside it,
 * so any number of instances (sharing the partitions of one consumer group) append one batch at a
 * time on top of each other's heads. Repeats within the batch are dropped first. Events already
 * stored (same eventId) are found by the unique index on event_id: the insert uses ON CONFLICT DO
 * NOTHING, and when it inserted fewer rows than given, it is rolled back to a savepoint and the batch
 * is chained again without the stored events, so a duplicate never takes a sequence number or
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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lock(connection);
                Head head = head(connection);
                Map<String, AuditEntry> unique = new LinkedHashMap<>();
                events.forEach(event -> unique.putIfAbsent(event.eventId(), event));
                // Fast path: assume none is stored yet (redeliveries are rare). If the unique index says
                // otherwise, undo the insert, leave out the stored events and chain the rest again.
                Savepoint beforeInsert = connection.setSavepoint();
                List<AuditEntry> chained = chain(head, unique.values(), Set.of());
                if (!chained.isEmpty() && insert(connection, chained) != chained.size()) {
                    connection.rollback(beforeInsert);
                    chained = chain(head, unique.values(), stored(connection, unique.keySet()));
                    if (!chained.isEmpty() && insert(connection, chained) != chained.size()) {
                        throw new SQLException("Entries were skipped although not stored before; another writer without the lock?");
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

    private static List<AuditEntry> chain(Head head, Collection<AuditEntry> events, Set<String> stored) {
        List<AuditEntry> chained = new ArrayList<>(events.size());
        long sequence = head.sequence();
        String hash = head.hash();
        for (AuditEntry event : events) {
            if (!stored.contains(event.eventId())) {
                AuditEntry numbered = event.chained(++sequence, null);
                hash = EntryHasher.hash(hash, numbered);
                chained.add(numbered.chained(sequence, hash));
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

    /**
     * COPY (text format) into a per-connection temporary table, then one INSERT ... SELECT with ON
     * CONFLICT DO NOTHING; returns how many rows reached audit_entry.
     */
    private static int insert(Connection connection, List<AuditEntry> entries) throws SQLException {
        StringBuilder rows = new StringBuilder(entries.size() * 512);
        for (AuditEntry e : entries) {
            rows.append(e.sequence()).append('\t');
            copyText(rows, e.topic()).append('\t');
            rows.append(e.partition()).append('\t').append(e.offset()).append('\t');
            copyText(rows, e.eventType()).append('\t');
            copyText(rows, e.eventId()).append('\t');
            rows.append(e.occurredAt()).append('\t');
            copyText(rows, e.tenantId()).append('\t');
            copyText(rows, e.actor()).append('\t');
            copyText(rows, e.correlationId()).append('\t');
            copyText(rows, e.aggregateId()).append('\t');
            rows.append(e.aggregateVersion()).append('\t');
            copyText(rows, CanonicalJson.string(e.payload())).append('\t');
            rows.append(e.hash()).append('\n');
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temp table if not exists audit_entry_batch (like audit_entry including defaults) on commit delete rows");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy audit_entry_batch (sequence, topic, kafka_partition, kafka_offset, event_type, event_id,"
                    + " occurred_at, tenant_id, actor, correlation_id, aggregate_id, aggregate_version, payload, hash) from stdin",
                    new java.io.StringReader(rows.toString()));
            int inserted = statement.executeUpdate("insert into audit_entry select * from audit_entry_batch on conflict (event_id) do nothing");
            statement.execute("truncate audit_entry_batch");
            return inserted;
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed", e);
        }
    }

    /** Escapes a value for COPY's text format. */
    private static StringBuilder copyText(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

}
