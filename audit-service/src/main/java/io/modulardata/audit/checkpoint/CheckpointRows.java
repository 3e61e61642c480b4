package io.modulardata.audit.checkpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code audit_checkpoint} rows on a connection the caller holds (and whose transaction it owns). */
public final class CheckpointRows {

    private static final String SELECT = """
            select sequence, head_hash, entry_count, created_at, key_id, signature, previous_checkpoint_hash
            from audit_checkpoint""";

    private CheckpointRows() {
    }

    /** The latest checkpoints, newest first. */
    public static List<Checkpoint> latest(Connection connection, int limit) throws SQLException {
        return select(connection, " order by sequence desc limit ?", limit);
    }

    /** The checkpoint at {@code sequence}, or null. */
    public static Checkpoint at(Connection connection, long sequence) throws SQLException {
        return first(select(connection, " where sequence = ?", sequence));
    }

    /** The latest checkpoint before {@code sequence}, or null. */
    public static Checkpoint before(Connection connection, long sequence) throws SQLException {
        return first(select(connection, " where sequence < ? order by sequence desc limit 1", sequence));
    }

    /** The first checkpoint after {@code sequence}, or null. */
    public static Checkpoint after(Connection connection, long sequence) throws SQLException {
        return first(select(connection, " where sequence > ? order by sequence limit 1", sequence));
    }

    /** The checkpoints from {@code first} to {@code last} (inclusive), oldest first. */
    public static List<Checkpoint> between(Connection connection, long first, long last) throws SQLException {
        return select(connection, " where sequence >= ? and sequence <= ? order by sequence", first, last);
    }

    public static void insert(Connection connection, List<Checkpoint> checkpoints) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into audit_checkpoint (sequence, head_hash, entry_count, created_at, key_id, signature, previous_checkpoint_hash)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            for (Checkpoint checkpoint : checkpoints) {
                insert.setLong(1, checkpoint.sequence());
                insert.setString(2, checkpoint.headHash());
                insert.setLong(3, checkpoint.entryCount());
                insert.setObject(4, OffsetDateTime.ofInstant(checkpoint.createdAt(), ZoneOffset.UTC));
                insert.setString(5, checkpoint.keyId());
                insert.setString(6, checkpoint.signature());
                insert.setString(7, checkpoint.previousCheckpointHash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<Checkpoint> select(Connection connection, String rest, Object... args) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(SELECT + rest)) {
            for (int i = 0; i < args.length; i++) {
                query.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new Checkpoint(rows.getLong(1), rows.getString(2), rows.getLong(3),
                            rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getString(5), rows.getString(6),
                            rows.getString(7)));
                }
            }
        }
        return checkpoints;
    }

    private static Checkpoint first(List<Checkpoint> checkpoints) {
        return checkpoints.isEmpty() ? null : checkpoints.get(0);
    }
}
