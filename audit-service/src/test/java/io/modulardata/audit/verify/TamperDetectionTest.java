package io.modulardata.audit.verify;

import static io.modulardata.audit.support.AuditApi.as;
import static io.modulardata.audit.support.AuditApi.asAuditor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.Grants;
import io.modulardata.audit.support.Insider;
import io.modulardata.audit.support.OwnerDb;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
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
        String actor = Insider.value("actor", edited);
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
        String actor = Insider.value("actor", edited);
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
        String payload = Insider.value("payload::text", edited);
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
        String[] undo = Insider.rewriteChain(edited, checkpoint);
        try {
            JsonPath result = asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(false))
                    .body("reason", org.hamcrest.Matchers.containsString("signed checkpoint " + caughtBy))
                    .extract().jsonPath();
            assertThat(result.getLong("firstBrokenSequence")).isBetween(1L, edited);
        } finally {
            OwnerDb.tamper(undo);
        }
        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void deletingTheCheckpointsAfterARewriteDoesNotHideIt() throws SQLException {
        String tenantId = TestEvents.newTenantId();
        List<Long> sequences = ingest(tenantId, 8);
        long edited = sequences.get(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> latestCheckpoint() >= edited);
        long kept = Insider.scalar("select coalesce(max(sequence), 0) from audit_checkpoint where sequence < " + edited);

        // The insider rewrites the chain from the edit on, then deletes every checkpoint that would contradict it.
        String[] undo = Insider.rewriteChain(edited, Insider.scalar("select max(sequence) from audit_entry"));
        OwnerDb.tamper("create table audit_checkpoint_saved as select * from audit_checkpoint where sequence >= " + edited,
                "delete from audit_checkpoint where sequence >= " + edited);
        try {
            asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(false))
                    .body("firstBrokenSequence", equalTo((int) kept + 1))
                    .body("reason", org.hamcrest.Matchers.containsString("checkpoints signed over them are missing"));
            report(tenantId).body("chainVerification.valid", equalTo(false));
        } finally {
            List<String> restore = new ArrayList<>(List.of(undo));
            restore.add("insert into audit_checkpoint select * from audit_checkpoint_saved");
            restore.add("drop table audit_checkpoint_saved");
            OwnerDb.tamper(restore.toArray(String[]::new));
        }
        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        report(tenantId).body("chainVerification.valid", equalTo(true));
    }

    @Test
    void aCheckpointDeletedFromTheMiddleOfTheChainIsFound() throws SQLException {
        List<Long> sequences = ingest(16);
        long first = sequences.get(0);
        long last = sequences.get(sequences.size() - 1);
        // At most max-gap (5) entries apart: 16 entries hold at least 3 checkpoints once ingest is done.
        await().atMost(Duration.ofSeconds(30)).until(() -> checkpointsBetween(first, last).size() >= 3);
        List<Long> within = checkpointsBetween(first, last);
        long deleted = within.get(1);

        OwnerDb.tamper("create table audit_checkpoint_saved as select * from audit_checkpoint where sequence = " + deleted,
                "delete from audit_checkpoint where sequence = " + deleted);
        try {
            // Either the gap it leaves is wider than max-gap, or the next checkpoint's link points at nothing.
            JsonPath result = verify(sequences).body("valid", equalTo(false))
                    .body("reason", org.hamcrest.Matchers.containsString("missing")).extract().jsonPath();
            assertThat(result.getLong("firstBrokenSequence")).isBetween(within.get(0) + 1, within.get(2));
        } finally {
            OwnerDb.tamper("insert into audit_checkpoint select * from audit_checkpoint_saved", "drop table audit_checkpoint_saved");
        }
        verify(sequences).body("valid", equalTo(true));
    }

    @Test
    void aComplianceReportFindsEntriesRewrittenAfterItVerifiedThem() throws SQLException {
        String tenantId = TestEvents.newTenantId();
        List<Long> sequences = ingest(tenantId, 8);
        long edited = sequences.get(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> latestCheckpoint() >= edited);
        // This report verifies up to (and remembers) a checkpoint covering the entry edited next.
        report(tenantId).body("chainVerification.valid", equalTo(true));

        String[] undo = Insider.rewriteChain(edited, Insider.scalar("select max(sequence) from audit_entry"));
        try {
            JsonPath result = report(tenantId).body("chainVerification.valid", equalTo(false)).extract().jsonPath();
            assertThat(result.getLong("chainVerification.firstBrokenSequence")).isLessThanOrEqualTo(edited);
        } finally {
            OwnerDb.tamper(undo);
        }
        report(tenantId).body("chainVerification.valid", equalTo(true));
    }

    private static io.restassured.response.ValidatableResponse report(String tenantId) {
        return as(TestTokens.tenantAdmin(tenantId)).queryParam("framework", "SOC2")
                .get("/audit/tenants/{t}/compliance-report", tenantId).then().statusCode(200);
    }

    /** Sequence numbers of the checkpoints from {@code first} to {@code last}, oldest first. */
    private static List<Long> checkpointsBetween(long first, long last) {
        return checkpoints().stream().filter(sequence -> sequence >= first && sequence <= last).sorted().toList();
    }

    private static io.restassured.response.ValidatableResponse verifyPeriod(Instant from, Instant to) {
        return asAuditor().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/audit/verify").then().statusCode(200);
    }

    private static String uncheckedValue(String column, long sequence) {
        try {
            return Insider.value(column, sequence);
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
        return ingest(TestEvents.newTenantId(), count);
    }

    private static List<Long> ingest(String tenantId, int count) {
        List<Long> sequences = Grants.ingest(tenantId, count, Duration.ofSeconds(30));
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
}
