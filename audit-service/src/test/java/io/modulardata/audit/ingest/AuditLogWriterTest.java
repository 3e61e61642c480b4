package io.modulardata.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.CanonicalJson;
import io.modulardata.audit.chain.EntryHasher;
import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.checkpoint.Checkpoint;
import io.modulardata.audit.checkpoint.CheckpointRows;
import io.modulardata.audit.checkpoint.SigningKey;
import io.modulardata.audit.query.AuditEntries;
import io.modulardata.audit.support.OwnerDb;
import io.modulardata.audit.support.ScratchDatabase;
import io.modulardata.audit.verify.ChainVerification;
import io.modulardata.fixtures.ManualClock;

/** The writer against a real PostgreSQL database of its own: COPY, duplicate handling, chain and checkpoints. */
class AuditLogWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The writer's clock and the events' times are fixed: nothing here depends on when the test runs. */
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private DataSource database;
    private SigningKey key;
    private AuditLogWriter writer;

    @BeforeEach
    void newDatabase() throws SQLException {
        database = ScratchDatabase.create("audit_writer");
        key = SigningKey.generate();
        writer = new AuditLogWriter(database, key, 3, Duration.ofHours(1), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void aBatchMixingStoredAndNewEventsAppendsOnlyTheNewOnesWithoutAGap() throws Exception {
        AuditEntry a = event("a");
        AuditEntry b = event("b");
        AuditEntry c = event("c");
        AuditEntry d = event("d");
        assertThat(writer.append(List.of(a, b))).isEqualTo(new AuditLogWriter.AppendResult(2, 0, 2));

        AuditLogWriter.AppendResult result = writer.append(List.of(b, c, a, d));

        assertThat(result).isEqualTo(new AuditLogWriter.AppendResult(2, 2, 4));
        assertThat(column("select event_id from audit_entry order by sequence"))
                .containsExactly(a.eventId(), b.eventId(), c.eventId(), d.eventId());
        assertThat(column("select sequence::text from audit_entry order by sequence")).containsExactly("1", "2", "3", "4");
        assertThat(verify()).isEqualTo(VerifyResult.ok(4));
    }

    @Test
    void aBatchOfOnlyStoredEventsAppendsNothing() throws Exception {
        List<AuditEntry> batch = List.of(event("a"), event("b"));
        writer.append(batch);

        assertThat(writer.append(batch)).isEqualTo(new AuditLogWriter.AppendResult(0, 2, 2));
        assertThat(column("select count(*)::text from audit_entry")).containsExactly("2");
        assertThat(verify()).isEqualTo(VerifyResult.ok(2));
    }

    @Test
    void repeatsWithinOneBatchAreStoredOnce() throws Exception {
        AuditEntry a = event("a");

        assertThat(writer.append(List.of(a, event("b"), a))).isEqualTo(new AuditLogWriter.AppendResult(2, 1, 2));
        assertThat(column("select event_id from audit_entry where event_id = '" + a.eventId() + "'")).hasSize(1);
    }

    @Test
    void textThatCopyMustEscapeIsStoredAndHashedExactly() throws Exception {
        String awkward = "tab\there, line\nbreak, cr\rback\\slash \\N \"quoted\" é ✓";
        AuditEntry entry = new AuditEntry(0, "registry-events", 0, 7, "io.modulardata.events.Odd", UUID.randomUUID().toString(),
                Instant.parse("2026-11-25T10:15:30.123Z"), "acme", awkward, "corr\\t", "agg\tx", 1,
                JSON.readTree("{\"note\": " + JSON.writeValueAsString(awkward) + ", \"n\": 2.50}"), null);

        writer.append(List.of(entry));

        assertThat(column("select actor from audit_entry")).containsExactly(awkward);
        assertThat(column("select correlation_id || '|' || aggregate_id from audit_entry")).containsExactly("corr\\t|agg\tx");
        assertThat(JSON.readTree(column("select payload::text from audit_entry").get(0)).get("note").textValue()).isEqualTo(awkward);
        assertThat(CanonicalJson.string(JSON.readTree(column("select payload::text from audit_entry").get(0))))
                .isEqualTo(CanonicalJson.string(entry.payload()));
        assertThat(verify()).isEqualTo(VerifyResult.ok(1));
    }

    @Test
    void anInstantFinerThanAMillisecondIsStoredAsTheMillisecondItHashes() throws Exception {
        // PostgreSQL would round .123999700 up to .124000; the hash covers .123.
        AuditEntry entry = new AuditEntry(0, "registry-events", 0, 8, "io.modulardata.events.ComponentRegistered",
                UUID.randomUUID().toString(), Instant.parse("2026-11-25T10:15:30.123999700Z"), "acme", "alice", "corr",
                "agg", 1, JSON.readTree("{}"), null);

        writer.append(List.of(entry));

        assertThat(column("select to_char(occurred_at at time zone 'UTC', 'HH24:MI:SS.US') from audit_entry"))
                .containsExactly("10:15:30.123000");
        assertThat(verify()).isEqualTo(VerifyResult.ok(1));
    }

    @Test
    void signsTheFirstCheckpointAtOnceThenEveryNEntries() throws Exception {
        writer.append(List.of(event("1"), event("2")));
        writer.append(List.of(event("3"), event("4")));
        assertThat(column("select sequence::text from audit_checkpoint order by sequence")).containsExactly("2");

        writer.append(List.of(event("5")));
        writer.append(List.of(event("6"), event("7")));

        assertThat(column("select sequence::text from audit_checkpoint order by sequence")).containsExactly("2", "5");
        assertThat(verify()).isEqualTo(VerifyResult.ok(7));
    }

    @Test
    void signsACheckpointEveryNEntriesWithinABatchEachLinkedToThePreviousOne() throws Exception {
        writer.append(List.of(event("1"), event("2"), event("3"), event("4"), event("5"), event("6"), event("7"), event("8")));

        List<Checkpoint> checkpoints = checkpoints();
        assertThat(checkpoints).extracting(Checkpoint::sequence).containsExactly(3L, 6L);
        assertThat(checkpoints.get(0).previousCheckpointHash()).isEqualTo(Checkpoint.GENESIS);
        assertThat(checkpoints.get(1).previousCheckpointHash()).isEqualTo(checkpoints.get(0).hash());
        assertThat(verify()).isEqualTo(VerifyResult.ok(8));
    }

    @Test
    void aLogWhoseCheckpointsWereSignedBeforeChainingGoesOnWithOneLinkedToTheLatestOfThem() throws Exception {
        writer.append(List.of(event("1"), event("2")));
        Checkpoint chained = checkpoints().get(0);
        Checkpoint unchained = key.sign(chained.sequence(), chained.headHash(), chained.entryCount(), chained.createdAt(), null);
        // As the writer before chaining left it: the same checkpoint, signed without a link.
        tamper("update audit_checkpoint set signature = '" + unchained.signature() + "', previous_checkpoint_hash = null");
        assertThat(verify()).isEqualTo(VerifyResult.ok(2));

        AuditLogWriter upgraded = new AuditLogWriter(database, key, 3, Duration.ofHours(1), Clock.systemUTC());
        upgraded.append(List.of(event("3")));

        assertThat(checkpoints()).extracting(Checkpoint::sequence).containsExactly(2L, 3L);
        assertThat(checkpoints().get(1).previousCheckpointHash()).isEqualTo(unchained.hash());
        assertThat(verify()).isEqualTo(VerifyResult.ok(3));
    }

    @Test
    void anIdleWriterAsksTheDatabaseForACheckpointDueByTimeOnlyOnceOneCanBeDue() throws Exception {
        ManualClock clock = new ManualClock(T0);
        AtomicInteger connections = new AtomicInteger();
        AuditLogWriter idle = new AuditLogWriter(counting(database, connections), key, 3, Duration.ofHours(1), clock);
        idle.append(List.of(event("1"), event("2"), event("3"), event("4")));
        assertThat(checkpoints()).extracting(Checkpoint::sequence).containsExactly(3L);
        connections.set(0);

        // An idle ingest loop asks on every empty poll: entry 4 waits for its checkpoint until an hour after the last.
        clock.advance(Duration.ofMinutes(59));
        for (int poll = 0; poll < 100; poll++) {
            idle.checkpointIfDue();
        }
        assertThat(connections).hasValue(0);

        clock.advance(Duration.ofMinutes(1));
        idle.checkpointIfDue();
        assertThat(checkpoints()).extracting(Checkpoint::sequence).containsExactly(3L, 4L);
        assertThat(connections).hasValue(1);

        // Nothing waits for a checkpoint now: the next look is an interval later.
        clock.advance(Duration.ofMinutes(59));
        for (int poll = 0; poll < 100; poll++) {
            idle.checkpointIfDue();
        }
        assertThat(connections).hasValue(1);
        assertThat(verify()).isEqualTo(VerifyResult.ok(4));
    }

    @Test
    void signsNoCheckpointOverCheckpointsDeletedBehindIt() throws Exception {
        writer.append(List.of(event("1"), event("2"), event("3")));
        writer.append(List.of(event("4"), event("5"), event("6")));
        tamper("delete from audit_checkpoint where sequence = 6");

        writer.append(List.of(event("7"), event("8"), event("9")));

        assertThat(checkpoints()).extracting(Checkpoint::sequence).containsExactly(3L);
        VerifyResult result = verify();
        assertThat(result.firstBrokenSequence()).isEqualTo(4);
        assertThat(result.reason()).contains("entries 4..9 follow the latest checkpoint 3");
    }

    @Test
    void checkpointsFurtherApartThanTheConfiguredMaxGapDoNotVerify() throws Exception {
        writer.append(List.of(event("1"), event("2"), event("3"), event("4"), event("5"), event("6")));

        VerifyResult result = verification(2).verify(null, null);

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(1);
        assertThat(result.reason()).contains("more than the 2 allowed (modulardata.audit.checkpoints.max-gap)");
    }

    @Test
    void anIncrementalVerificationChecksWhatFollowsTheVerifiedCheckpointAndThatItsEntryIsUnchanged() throws Exception {
        writer.append(List.of(event("1"), event("2"), event("3"), event("4"), event("5"), event("6"), event("7")));
        ChainVerification verification = verification(3);
        ChainVerification.Verified first = verification.verifyAfter(null);
        assertThat(first.result()).isEqualTo(VerifyResult.ok(7));
        assertThat(first.head()).isEqualTo(7);
        Checkpoint verified = first.latestVerifiedCheckpoint();
        assertThat(verified.sequence()).isEqualTo(6);

        assertThat(verification.verifyAfter(verified).result()).isEqualTo(VerifyResult.ok(1));

        tamper("update audit_entry set actor = 'mallory' where sequence = 7");
        assertThat(verification.verifyAfter(verified).result().firstBrokenSequence()).isEqualTo(7);
        tamper("update audit_entry set actor = 'alice' where sequence = 7");

        // Entry 2 edited and every later hash recomputed: the verified checkpoint's entry no longer hashes as it did,
        // so the whole chain is verified again, which finds where it differs from the signed checkpoints.
        rewriteFrom(2);
        VerifyResult rewritten = verification.verifyAfter(verified).result();
        assertThat(rewritten.firstBrokenSequence()).isEqualTo(1);
        assertThat(rewritten.reason()).contains("entries 1..3 differ from signed checkpoint 3");
    }

    private void rewriteFrom(long edited) throws SQLException {
        tamper("update audit_entry set actor = 'mallory' where sequence = " + edited);
        List<String> updates = new ArrayList<>();
        String previous = column("select hash from audit_entry where sequence = " + (edited - 1)).get(0);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select " + AuditEntries.COLUMNS
                        + " from audit_entry where sequence >= " + edited + " order by sequence")) {
            while (rows.next()) {
                previous = EntryHasher.hash(previous, AuditEntries.entry(rows));
                updates.add("update audit_entry set hash = '" + previous + "' where sequence = " + rows.getLong(1));
            }
        }
        tamper(updates.toArray(String[]::new));
    }

    /** The database, counting the connections taken from it. */
    private static DataSource counting(DataSource database, AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(database, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void tamper(String... statements) throws SQLException {
        try (Connection connection = database.getConnection()) {
            OwnerDb.tamper(connection, statements);
        }
    }

    private List<Checkpoint> checkpoints() throws SQLException {
        try (Connection connection = database.getConnection()) {
            List<Checkpoint> oldestFirst = new ArrayList<>(CheckpointRows.latest(connection, 100));
            Collections.reverse(oldestFirst);
            return oldestFirst;
        }
    }

    private VerifyResult verify() {
        return verification(3).verify(null, null);
    }

    private ChainVerification verification(int maxGap) {
        return new ChainVerification(database, key, maxGap, new SimpleMeterRegistry(), new AuditEntries(database));
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static AuditEntry event(String name) {
        return new AuditEntry(0, "registry-events", 1, name.hashCode(), "io.modulardata.events.ComponentAccessGranted",
                UUID.randomUUID() + "-" + name, T0.minusSeconds(60).plusMillis(Math.floorMod(name.hashCode(), 1000)), "acme", "alice",
                "corr-" + name, "acme", 1,
                JSON.createObjectNode().put("componentId", "etl-core").put("name", name), null);
    }
}
