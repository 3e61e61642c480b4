package io.modulardata.audit.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modulardata.audit.chain.ChainVerifier;
import io.modulardata.audit.chain.EntryHasher;
import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.checkpoint.SigningKey;
import io.modulardata.audit.query.AuditEntries;

/**
 * Streams the chain out of the database in sequence order and recomputes it with {@link ChainVerifier}
 * (blocking; run on a worker thread). A range starts from the stored hash of the entry before it.
 */
@ApplicationScoped
public class ChainVerification {

    private final DataSource dataSource;
    private final SigningKey key;
    private final Timer duration;
    private final AuditEntries entries;

    public ChainVerification(DataSource dataSource, SigningKey key, MeterRegistry meters, AuditEntries entries) {
        this.dataSource = dataSource;
        this.entries = entries;
        this.key = key;
        this.duration = Timer.builder("audit.verify.duration").description("Time to verify the chain (or a range of it)")
                .register(meters);
    }

    /** Verifies entries {@code from..to} (inclusive; null = from the first, to the last). */
    public VerifyResult verify(Long from, Long to) {
        return duration.record(() -> {
            try {
                return run(from == null ? 1 : from, to == null ? Long.MAX_VALUE : to);
            } catch (SQLException e) {
                throw new IllegalStateException("Chain verification failed to read the log: " + e.getMessage(), e);
            }
        });
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

    private VerifyResult run(long first, long last) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // One snapshot for checkpoints and entries, so a concurrent append is either fully seen or not at all.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                String previousHash = EntryHasher.GENESIS;
                if (first > 1) {
                    previousHash = hashOf(connection, first - 1);
                    if (previousHash == null) {
                        return VerifyResult.broken(0, first - 1, "entry " + (first - 1) + " is missing");
                    }
                }
                ChainVerifier verifier = new ChainVerifier(first, previousHash, checkpoints(connection, first, last), key::verifies);
                try (PreparedStatement query = connection.prepareStatement("select " + columns()
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
                return verifier.finish();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    private static String columns() {
        return """
                sequence, topic, kafka_partition, kafka_offset, event_type, event_id, occurred_at, tenant_id, actor,
                correlation_id, aggregate_id, aggregate_version, payload::text, hash""";
    }

    private static String hashOf(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select hash from audit_entry where sequence = ?")) {
            query.setLong(1, sequence);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static List<Checkpoint> checkpoints(Connection connection, long first, long last) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select sequence, head_hash, entry_count, created_at, key_id, signature from audit_checkpoint
                where sequence >= ? and sequence <= ? order by sequence""")) {
            query.setLong(1, first);
            query.setLong(2, last);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new Checkpoint(rows.getLong(1), rows.getString(2), rows.getLong(3),
                            rows.getObject(4, java.time.OffsetDateTime.class).toInstant(), rows.getString(5), rows.getString(6)));
                }
            }
        }
        return checkpoints;
    }

    /** The latest checkpoints, newest first. */
    public List<Checkpoint> latestCheckpoints(int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select sequence, head_hash, entry_count, created_at, key_id, signature from audit_checkpoint
                        order by sequence desc limit ?""")) {
            query.setInt(1, limit);
            List<Checkpoint> checkpoints = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new Checkpoint(rows.getLong(1), rows.getString(2), rows.getLong(3),
                            rows.getObject(4, java.time.OffsetDateTime.class).toInstant(), rows.getString(5), rows.getString(6)));
                }
            }
            return checkpoints;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read checkpoints: " + e.getMessage(), e);
        }
    }
}
