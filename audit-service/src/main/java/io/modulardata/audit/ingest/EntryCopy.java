package io.modulardata.audit.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;

import io.modulardata.audit.chain.CanonicalEntry;

/**
 * Writes chained entries into audit_entry with one PostgreSQL COPY (text format): several times
 * faster than INSERTs, and straight into the table, with no staging table to fill and read again.
 * A row whose event_id is already stored makes the whole COPY fail with a unique violation (23505);
 * the caller rolls back to a savepoint and copies again without the stored events.
 */
final class EntryCopy {

    static final String UNIQUE_VIOLATION = "23505";

    private static final String COPY = "copy audit_entry (sequence, topic, kafka_partition, kafka_offset, event_type, event_id,"
            + " occurred_at, tenant_id, actor, correlation_id, aggregate_id, aggregate_version, payload, hash) from stdin";

    private EntryCopy() {
    }

    /** A chained entry: its canonical form, its place and its hash. */
    record Row(CanonicalEntry canonical, long sequence, String hash) {
    }

    static void copy(Connection connection, List<Row> rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 512);
        for (Row row : rows) {
            var e = row.canonical().entry();
            text.append(row.sequence()).append('\t');
            escaped(text, e.topic()).append('\t');
            text.append(e.partition()).append('\t').append(e.offset()).append('\t');
            escaped(text, e.eventType()).append('\t');
            escaped(text, e.eventId()).append('\t');
            text.append(e.occurredAt()).append('\t');
            escaped(text, e.tenantId()).append('\t');
            escaped(text, e.actor()).append('\t');
            escaped(text, e.correlationId()).append('\t');
            escaped(text, e.aggregateId()).append('\t');
            text.append(e.aggregateVersion()).append('\t');
            escaped(text, row.canonical().payloadJson()).append('\t');
            text.append(row.hash()).append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into audit_entry failed", e);
        }
    }

    /** Escapes a value for COPY's text format. */
    private static StringBuilder escaped(StringBuilder out, String value) {
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
