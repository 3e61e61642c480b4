package io.modulardata.audit.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.EntryHasher;
import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.checkpoint.CheckpointRows;
import io.modulardata.audit.checkpoint.SigningKey;
import io.modulardata.audit.query.AuditEntries;

/**
 * What an insider with the database owner's rights (and, for {@link #resignCheckpoints}, the signing key file) can
 * do to the log. Each method returns the statements that undo it, for {@link OwnerDb#tamper}.
 */
public final class Insider {

    private Insider() {
    }

    /**
     * Edits entry {@code edited} (its actor becomes mallory) and recomputes every hash after it up to {@code through},
     * so the chain itself is consistent again.
     */
    public static String[] rewriteChain(long edited, long through) throws SQLException {
        List<String> undo = new ArrayList<>();
        undo.add("update audit_entry set actor = '" + value("actor", edited) + "' where sequence = " + edited);
        try (Connection connection = OwnerDb.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter table audit_entry disable trigger audit_entry_append_only");
                statement.executeUpdate("update audit_entry set actor = 'mallory' where sequence = " + edited);
            }
            String previous = value(connection, "hash", edited - 1);
            List<AuditEntry> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("select " + AuditEntries.COLUMNS
                    + " from audit_entry where sequence >= ? and sequence <= ? order by sequence")) {
                query.setLong(1, edited);
                query.setLong(2, through);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(AuditEntries.entry(result));
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement("update audit_entry set hash = ? where sequence = ?")) {
                for (AuditEntry row : rows) {
                    undo.add("update audit_entry set hash = '" + row.hash() + "' where sequence = " + row.sequence());
                    previous = EntryHasher.hash(previous, row);
                    update.setString(1, previous);
                    update.setLong(2, row.sequence());
                    update.executeUpdate();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter table audit_entry enable trigger audit_entry_append_only");
            }
            connection.commit();
        }
        return undo.toArray(String[]::new);
    }

    /** Signs every checkpoint from {@code from} on again over the entries' current hashes, each linked to the one before. */
    public static String[] resignCheckpoints(long from, SigningKey key) throws SQLException {
        List<String> undo = new ArrayList<>();
        List<String> resign = new ArrayList<>();
        try (Connection connection = OwnerDb.connect()) {
            Checkpoint before = CheckpointRows.before(connection, from);
            String previous = before == null ? Checkpoint.GENESIS : before.hash();
            for (Checkpoint old : CheckpointRows.between(connection, from, Long.MAX_VALUE)) {
                Checkpoint forged = key.sign(old.sequence(), value(connection, "hash", old.sequence()), old.entryCount(),
                        old.createdAt(), previous);
                resign.add(update(forged));
                undo.add(update(old));
                previous = forged.hash();
            }
        }
        OwnerDb.tamper(resign.toArray(String[]::new));
        return undo.toArray(String[]::new);
    }

    private static String update(Checkpoint checkpoint) {
        return "update audit_checkpoint set head_hash = '" + checkpoint.headHash() + "', signature = '" + checkpoint.signature()
                + "', previous_checkpoint_hash = " + (checkpoint.previousCheckpointHash() == null ? "null"
                        : "'" + checkpoint.previousCheckpointHash() + "'") + " where sequence = " + checkpoint.sequence();
    }

    /** A column of entry {@code sequence}, as text. */
    public static String value(String column, long sequence) throws SQLException {
        try (Connection connection = OwnerDb.connect()) {
            return value(connection, column, sequence);
        }
    }

    /** The first column of the first row of {@code sql}, as a number. */
    public static long scalar(String sql) throws SQLException {
        try (Connection connection = OwnerDb.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String value(Connection connection, String column, long sequence) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select " + column + " from audit_entry where sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
