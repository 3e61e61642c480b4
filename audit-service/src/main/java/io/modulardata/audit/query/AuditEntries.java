package io.modulardata.audit.query;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.timeline.SecurityChanges;
import io.modulardata.events.PlatformEvents;

/** Reads the audit log (JDBC; callers run it on worker threads). */
@ApplicationScoped
public class AuditEntries {

    public static final String COLUMNS = """
            sequence, topic, kafka_partition, kafka_offset, event_type, event_id, occurred_at, tenant_id, actor,
            correlation_id, aggregate_id, aggregate_version, payload::text, hash""";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final DataSource dataSource;

    public AuditEntries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Newest first: (occurred_at, sequence) descending, starting after the cursor; limit + 1 rows to know if more follow. */
    public List<AuditEntry> page(EventQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_entry where true");
        List<Object> args = new ArrayList<>();
        if (query.tenantId() != null) {
            sql.append(" and tenant_id = ?");
            args.add(query.tenantId());
        }
        if (query.eventType() != null) {
            sql.append(query.eventType().contains(".") ? " and event_type = ?" : " and event_type like ?");
            args.add(query.eventType().contains(".") ? query.eventType() : "%." + query.eventType());
        }
        if (query.aggregateId() != null) {
            sql.append(" and aggregate_id = ?");
            args.add(query.aggregateId());
        }
        if (query.correlationId() != null) {
            sql.append(" and correlation_id = ?");
            args.add(query.correlationId());
        }
        if (query.actor() != null) {
            sql.append(" and actor = ?");
            args.add(query.actor());
        }
        appendPeriod(sql, args, query.from(), query.to());
        if (query.cursor() != null) {
            sql.append(" and (occurred_at, sequence) < (?, ?)");
            args.add(timestamp(query.cursor().occurredAt()));
            args.add(query.cursor().sequence());
        }
        sql.append(" order by occurred_at desc, sequence desc limit ?");
        args.add(query.limit() + 1);
        List<AuditEntry> entries = new ArrayList<>();
        stream(sql.toString(), args, entries::add);
        return entries;
    }

    public Optional<AuditEntry> byEventId(String eventId) {
        List<AuditEntry> found = new ArrayList<>(1);
        stream("select " + COLUMNS + " from audit_entry where event_id = ?", List.of(eventId), found::add);
        return found.stream().findFirst();
    }

    /** One tenant's entries in [from, to), oldest first, after the cursor. */
    public List<AuditEntry> timeline(String tenantId, Instant from, Instant to, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_entry where tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        appendPeriod(sql, args, from, to);
        if (after != null) {
            sql.append(" and (occurred_at, sequence) > (?, ?)");
            args.add(timestamp(after.occurredAt()));
            args.add(after.sequence());
        }
        sql.append(" order by occurred_at, sequence limit ?");
        args.add(limit + 1);
        List<AuditEntry> entries = new ArrayList<>();
        stream(sql.toString(), args, entries::add);
        return entries;
    }

    /**
     * Every entry of the tenant in [from, to), oldest first, plus the lifecycle events of the given component
     * keys and the changes of the platform-wide security policies (tenant {@code platform}), which govern
     * every tenant; {@link io.modulardata.audit.compliance.ComplianceReportBuilder} drops the policy changes
     * that only concern another tenant.
     */
    public void forReport(String tenantId, Collection<String> componentKeys, Instant from, Instant to, Consumer<AuditEntry> sink) {
        stream("select " + COLUMNS + " from audit_entry where occurred_at >= ? and occurred_at < ?"
                + " and (tenant_id = ? or (event_type = 'io.modulardata.events.ComponentStatusChanged' and aggregate_id = any(?))"
                + " or (tenant_id = ? and (event_type = any(?) or event_type = 'io.modulardata.events.SecurityEvent'"
                + " and payload->>'eventKind' = 'policy_changed')))"
                + " order by occurred_at, sequence",
                List.of(timestamp(from), timestamp(to), tenantId, componentKeys.toArray(String[]::new),
                        PlatformEvents.PLATFORM_TENANT, SecurityChanges.POLICY_CHANGE_TYPES.toArray(String[]::new)), sink);
    }

    /** Narrows a query to entries that occurred in [from, to); a null bound leaves that side open. */
    private static void appendPeriod(StringBuilder sql, List<Object> args, Instant from, Instant to) {
        if (from != null) {
            sql.append(" and occurred_at >= ?");
            args.add(timestamp(from));
        }
        if (to != null) {
            sql.append(" and occurred_at < ?");
            args.add(timestamp(to));
        }
    }

    /**
     * The sequence of the latest erasure of each of these subjects (tenant and pseudonym, as
     * {@link ErasedPersonalFields#subject}): its own {@code SubjectErased}, or its tenant's {@code TenantKeysShredded}
     * (offboarding destroys every subject key of the tenant); subjects never erased are missing.
     */
    public Map<String, Long> latestErasures(Collection<String> tenants, Collection<String> subjectRefs) {
        Map<String, Long> erasures = new HashMap<>();
        if (subjectRefs.isEmpty()) {
            return erasures;
        }
        query("select tenant_id, payload->>'subjectRef', max(sequence) from audit_entry"
                + " where event_type = 'io.modulardata.events.SubjectErased' and tenant_id = any(?)"
                + " and payload->>'subjectRef' = any(?) group by 1, 2",
                List.of(tenants.toArray(String[]::new), subjectRefs.toArray(String[]::new)),
                rows -> erasures.put(ErasedPersonalFields.subject(rows.getString(1), rows.getString(2)), rows.getLong(3)));
        query("select tenant_id, max(sequence) from audit_entry"
                + " where event_type = 'io.modulardata.events.TenantKeysShredded' and tenant_id = any(?) group by 1",
                List.of((Object) tenants.toArray(String[]::new)), rows -> {
                    for (String subjectRef : subjectRefs) {
                        erasures.merge(ErasedPersonalFields.subject(rows.getString(1), subjectRef), rows.getLong(2), Math::max);
                    }
                });
        return erasures;
    }

    /** The component keys ever granted to the tenant. */
    public List<String> grantedComponentKeys(String tenantId) {
        List<String> keys = new ArrayList<>();
        query("select distinct payload->>'componentKey' from audit_entry where tenant_id = ?"
                + " and event_type = 'io.modulardata.events.ComponentAccessGranted'", List.of(tenantId),
                rows -> keys.add(rows.getString(1)));
        return keys;
    }

    /** The first and last sequence of the entries that occurred in [from, to) (null bounds are open), or null when none did. */
    public long[] sequenceRange(Instant from, Instant to) {
        long[][] range = new long[1][];
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select min(sequence), max(sequence) from audit_entry where true");
        appendPeriod(sql, args, from, to);
        query(sql.toString(), args, rows -> {
            long first = rows.getLong(1);
            if (!rows.wasNull()) {
                range[0] = new long[] {first, rows.getLong(2)};
            }
        });
        return range[0];
    }

    public static AuditEntry entry(ResultSet rows) throws SQLException {
        try {
            return new AuditEntry(rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getLong(4), rows.getString(5),
                    rows.getString(6), rows.getObject(7, OffsetDateTime.class).toInstant(), rows.getString(8),
                    rows.getString(9), rows.getString(10), rows.getString(11), rows.getLong(12),
                    JSON.readTree(rows.getString(13)), rows.getString(14));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private void stream(String sql, List<Object> args, Consumer<AuditEntry> sink) {
        query(sql, args, rows -> sink.accept(entry(rows)));
    }

    interface RowHandler {
        void handle(ResultSet rows) throws SQLException;
    }

    private void query(String sql, List<Object> args, RowHandler handler) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(1000);
                for (int i = 0; i < args.size(); i++) {
                    Object arg = args.get(i);
                    if (arg instanceof String[] array) {
                        statement.setArray(i + 1, connection.createArrayOf("text", array));
                    } else {
                        statement.setObject(i + 1, arg);
                    }
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        handler.handle(rows);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Audit log query failed: " + e.getMessage(), e);
        }
    }
}
