package io.modulardata.audit.verify;

import static io.modulardata.audit.support.AuditApi.asAuditor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.EntryHasher;
import io.modulardata.audit.query.AuditEntries;
import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.EventProducer;
import io.modulardata.audit.support.OwnerDb;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.events.Topics;
import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Someone with the database owner's rights switches the trigger off and edits, deletes, reorders or
 * rewrites rows; verify finds the first broken entry. Each test puts the rows back afterwards.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
class TamperDetectionTest {

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncateOfTheAuditLog() throws SQLException {
        List<Long> sequences = ingest(2);
        try (Connection connection = OwnerDb.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("update audit_entry set actor = 'mallory' where sequence = " + sequences.get(0)))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("delete from audit_entry where sequence = " + sequences.get(0)))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("truncate audit_entry")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("delete from audit_checkpoint")).hasMessageContaining("append-only");
        }
    }

    @Test
    void anEditedRowIsPinpointed() throws SQLException {
        List<Long> sequences = ingest(3);
        long edited = sequences.get(1);
        String actor = value("actor", edited);
        OwnerDb.tamper("update audit_entry set actor = 'mallory' where sequence = " + edited);
        try {
            verify(sequences).body("valid", equalTo(false)).body("firstBrokenSequence", equalTo((int) edited))
                    .body("reason", org.hamcrest.Matchers.containsString("does not match its hash"));
        } finally {
            OwnerDb.tamper("update audit_entry set actor = '" + actor + "' where sequence = " + edited);
        }
        verify(sequences).body("valid", equalTo(true)).body("checkedEntries", equalTo(3));
    }

    @Test
    void aVerifyOverAPeriodPinpointsAnEditedRowInItAndPassesAPeriodBeforeIt() throws SQLException {
        List<Long> sequences = ingest(3);
        List<Instant> occurred = sequences.stream().map(sequence -> Instant.parse(asAuditor()
                .get("/audit/events/{id}", uncheckedValue("event_id", sequence)).then().statusCode(200)
                .extract().jsonPath().getString("occurredAt"))).toList();
        long edited = sequences.get(1);
        String actor = value("actor", edited);
        OwnerDb.tamper("update audit_entry set actor = 'mallory' where sequence = " + edited);
        try {
            verifyPeriod(occurred.get(0), occurred.get(2).plusMillis(1)).body("valid", equalTo(false))
                    .body("firstBrokenSequence", equalTo((int) edited));
            // [first, second): only the first entry, which is intact
            verifyPeriod(occurred.get(0), occurred.get(1)).body("valid", equalTo(true)).body("checkedEntries", equalTo(1));
        } finally {
            OwnerDb.tamper("update audit_entry set actor = '" + actor + "' where sequence = " + edited);
        }
        verifyPeriod(occurred.get(0), occurred.get(2).plusMillis(1)).body("valid", equalTo(true)).body("checkedEntries", equalTo(3));
    }

    @Test
    void anEditedPayloadIsPinpointed() throws SQLException {
        List<Long> sequences = ingest(3);
        long edited = sequences.get(2);
        String payload = value("payload::text", edited);
        OwnerDb.tamper("update audit_entry set payload = jsonb_set(payload, '{componentVersion}', '\"9.9.9\"') where sequence = " + edited);
        try {
            verify(sequences).body("valid", equalTo(false)).body("firstBrokenSequence", equalTo((int) edited));
        } finally {
            OwnerDb.tamper("update audit_entry set payload = '" + payload + "'::jsonb where sequence = " + edited);
        }
        verify(sequences).body("valid", equalTo(true));
    }

    @Test
    void aDeletedRowIsPinpointed() throws SQLException {
        List<Long> sequences = ingest(3);
        long deleted = sequences.get(1);
        OwnerDb.tamper("create table audit_entry_saved as select * from audit_entry where sequence = " + deleted,
                "delete from audit_entry where sequence = " + deleted);
        try {
            verify(sequences).body("valid", equalTo(false)).body("firstBrokenSequence", equalTo((int) deleted))
                    .body("reason", org.hamcrest.Matchers.containsString("missing"));
        } finally {
            OwnerDb.tamper("insert into audit_entry select * from audit_entry_saved", "drop table audit_entry_saved");
        }
        verify(sequences).body("valid", equalTo(true));
    }

    @Test
    void reorderedRowsArePinpointed() throws SQLException {
        List<Long> sequences = ingest(3);
        long first = sequences.get(0);
        long second = sequences.get(1);
        String[] swap = {
            "update audit_entry set sequence = -1 where sequence = " + first,
            "update audit_entry set sequence = " + first + " where sequence = " + second,
            "update audit_entry set sequence = " + second + " where sequence = -1"};
        OwnerDb.tamper(swap);
        try {
            verify(sequences).body("valid", equalTo(false)).body("firstBrokenSequence", equalTo((int) first));
        } finally {
            OwnerDb.tamper(swap);
        }
        verify(sequences).body("valid", equalTo(true));
    }

    @Test
    void aRewrittenChainWithRecomputedHashesIsCaughtByTheSignedCheckpoint() throws SQLException {
        List<Long> sequences = ingest(8);
        long edited = sequences.get(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> latestCheckpoint() >= edited);
        long checkpoint = latestCheckpoint();
        // Ingest may have signed more than one checkpoint since the edited entry; the oldest is contradicted first.
        long caughtBy = checkpoints().stream().filter(sequence -> sequence >= edited).min(Long::compare).orElseThrow();

        // The insider edits a row and recomputes every hash after it, so the chain itself is consistent again.
        Map<Long, String> originalHashes = new LinkedHashMap<>();
        String actor = value("actor", edited);
        try (Connection connection = OwnerDb.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter table audit_entry disable trigger audit_entry_append_only");
                statement.executeUpdate("update audit_entry set actor = 'mallory' where sequence = " + edited);
            }
            String previous = value(connection, "hash", edited - 1);
            List<AuditEntry> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("select sequence, topic, kafka_partition, kafka_offset,"
                    + " event_type, event_id, occurred_at, tenant_id, actor, correlation_id, aggregate_id, aggregate_version,"
                    + " payload::text, hash from audit_entry where sequence >= ? and sequence <= ? order by sequence")) {
                query.setLong(1, edited);
                query.setLong(2, checkpoint);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(AuditEntries.entry(result));
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement("update audit_entry set hash = ? where sequence = ?")) {
                for (AuditEntry row : rows) {
                    originalHashes.put(row.sequence(), row.hash());
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
        try {
            JsonPath result = asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(false))
                    .body("reason", org.hamcrest.Matchers.containsString("signed checkpoint " + caughtBy))
                    .extract().jsonPath();
            assertThat(result.getLong("firstBrokenSequence")).isBetween(1L, edited);
        } finally {
            List<String> restore = new ArrayList<>();
            restore.add("update audit_entry set actor = '" + actor + "' where sequence = " + edited);
            originalHashes.forEach((sequence, hash) -> restore.add("update audit_entry set hash = '" + hash + "' where sequence = " + sequence));
            OwnerDb.tamper(restore.toArray(String[]::new));
        }
        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    private static io.restassured.response.ValidatableResponse verifyPeriod(Instant from, Instant to) {
        return asAuditor().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/audit/verify").then().statusCode(200);
    }

    private static String uncheckedValue(String column, long sequence) {
        try {
            return value(column, sequence);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.response.ValidatableResponse verify(List<Long> sequences) {
        return asAuditor().queryParam("from", sequences.get(0)).queryParam("to", sequences.get(sequences.size() - 1))
                .get("/audit/verify").then().statusCode(200);
    }

    /** Publishes {@code count} events of a new tenant and returns their sequence numbers, oldest first. */
    private static List<Long> ingest(int count) {
        String tenantId = TestEvents.newTenantId();
        try (EventProducer producer = EventProducer.forServiceUnderTest()) {
            for (int i = 0; i < count; i++) {
                producer.send(Topics.REGISTRY_EVENTS, TestEvents.granted(tenantId, "etl-core", "1.0." + i, "alice"));
            }
        }
        List<Long> sequences = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            sequences.clear();
            sequences.addAll(asAuditor().queryParam("tenantId", tenantId).get("/audit/events").then().statusCode(200)
                    .extract().jsonPath().getList("items.sequence", Long.class));
            assertThat(sequences).hasSize(count);
        });
        sequences.sort(null);
        // one tenant's events share a partition, and nothing else is published meanwhile: consecutive numbers
        assertThat(sequences.get(count - 1) - sequences.get(0)).isEqualTo(count - 1);
        return sequences;
    }

    private static long latestCheckpoint() {
        List<Long> checkpoints = checkpoints();
        return checkpoints.isEmpty() ? 0 : checkpoints.get(0);
    }

    /** Sequence numbers of the signed checkpoints, newest first. */
    private static List<Long> checkpoints() {
        return asAuditor().get("/audit/checkpoints").then().statusCode(200).extract().jsonPath().getList("sequence", Long.class);
    }

    private static String value(String column, long sequence) throws SQLException {
        try (Connection connection = OwnerDb.connect()) {
            return value(connection, column, sequence);
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
