package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.RecordedEvent;

/**
 * What the fault tests check once a command stream is over: every accepted command's events in the
 * audit log, each once; Kafka holding the same events (a second copy only of an event whose outbox row
 * was pending at the fault, as the outbox relay delivers at least once); a valid chain; and read models
 * equal to a replay of the log.
 */
final class StreamOutcome {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceProcess audit;
    private final String auditor;

    StreamOutcome(ServiceProcess audit, String auditorToken) {
        this.audit = audit;
        this.auditor = auditorToken;
    }

    /**
     * Waits until every accepted command of the stream is audited; returns the audited eventIds per
     * correlation id of the stream, read again once all are there so a duplicate appended late is seen too.
     */
    Map<String, List<String>> awaitAudited(CommandStream stream) throws Exception {
        Set<String> accepted = stream.accepted();
        Map<String, List<String>> audited = new HashMap<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String correlationId : accepted) {
                if (!audited.containsKey(correlationId) || audited.get(correlationId).isEmpty()) {
                    audited.put(correlationId, auditedEventIds(correlationId));
                }
            }
            assertThat(accepted).allSatisfy(id -> assertThat(audited.get(id)).as("audit entries of %s", id).isNotEmpty());
        });
        for (String correlationId : stream.all()) {
            audited.put(correlationId, auditedEventIds(correlationId));
        }
        return audited;
    }

    /**
     * Asserts that the audit log holds each event once and exactly the events Kafka holds, where only the
     * events in {@code mayBeRedelivered} (those a failed publisher had in flight: their outbox rows were
     * still pending) may be on Kafka a second time.
     */
    void assertAuditEqualsKafka(Map<String, List<String>> audited, EventProbe events, String prefix, Set<String> mayBeRedelivered) {
        // A command may cause more than one event (a tenant's first encryption also creates its key ring),
        // but no event may be audited twice.
        List<String> auditedIds = audited.values().stream().flatMap(List::stream).toList();
        assertThat(auditedIds).as("each event once in the audit log").doesNotHaveDuplicates();

        List<String> publishedIds = awaitPublished(events, prefix, Set.copyOf(auditedIds).size()).stream()
                .map(RecordedEvent::eventId).toList();
        Map<String, Long> copies = publishedIds.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(copies.values()).as("at most one redelivery per event on Kafka").allMatch(count -> count <= 2);
        Set<String> redelivered = copies.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(redelivered).as("events on Kafka twice; only those pending in an outbox at the fault may be")
                .isSubsetOf(mayBeRedelivered);
        assertThat(copies.keySet()).as("the audit log holds exactly what Kafka holds").isEqualTo(Set.copyOf(auditedIds));
    }

    void assertChainValid() throws Exception {
        JsonNode verify = JSON.readTree(audit.get("/audit/verify", auditor).body());
        assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
    }

    /**
     * What the service answers at each of {@code paths} (its read models, as the API shows them) equals what
     * it answers after rebuilding its read models from its log.
     */
    static void assertReadModelsEqualReplay(ServiceProcess service, List<String> paths, String adminToken) throws Exception {
        Map<String, String> before = readModels(service, paths, adminToken);
        assertThat(before.values()).as("read models answer").allMatch(answer -> answer.startsWith("200 ") || answer.startsWith("404 "));
        assertThat(before.values()).as("read models the stream changed").anyMatch(answer -> answer.startsWith("200 "));
        HttpResponse<String> rebuild = service.send("POST", "/admin/read-models/rebuild", adminToken, null, null);
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(200);
        assertThat(readModels(service, paths, adminToken)).as("read models after a replay of the log").isEqualTo(before);
    }

    /** Status and body (as a JSON tree, so key order does not matter) per path. */
    private static Map<String, String> readModels(ServiceProcess service, List<String> paths, String adminToken) throws Exception {
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        for (String path : paths) {
            HttpResponse<String> answer = service.get(path, adminToken);
            answers.put(path, answer.statusCode() + " " + JSON.readTree(answer.body()));
        }
        return answers;
    }

    private List<String> auditedEventIds(String correlationId) throws Exception {
        HttpResponse<String> page = audit.get("/audit/events?limit=50&correlationId="
                + URLEncoder.encode(correlationId, StandardCharsets.UTF_8), auditor);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(page.body()).path("items").forEach(item -> ids.add(item.path("eventId").asText()));
        return ids;
    }

    private static List<RecordedEvent> awaitPublished(EventProbe events, String prefix, int expected) {
        List<RecordedEvent> ofStream = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ofStream.clear();
            events.collect(Duration.ofMillis(500)).stream()
                    .filter(event -> String.valueOf(event.field("correlationId")).startsWith(prefix))
                    .forEach(ofStream::add);
            assertThat(ofStream.stream().map(RecordedEvent::eventId).distinct().count()).isGreaterThanOrEqualTo(expected);
        });
        return ofStream;
    }
}
