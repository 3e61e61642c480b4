package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.events.Topics;
import io.modulardata.infra.testing.EventProbe;
import io.modulardata.infra.testing.RecordedEvent;

/**
 * kill -9 of a service in the middle of a stream of commands, then a restart. Afterwards every
 * event of the stream is on Kafka (a killed publisher may resend what was in flight) and in the audit log once, every accepted command has its
 * event, the audit chain verifies, and the read models equal a replay of the log.
 */
class KillServiceMidStreamIT {

    /** Commands sent before the kill, and (at least) after the restart: a restart takes seconds, the stream goes on meanwhile. */
    private static final int COMMANDS_BEFORE_KILL = 30;
    private static final int COMMANDS_AFTER_RESTART = 30;
    private static final int STREAM_CAP = 2_000;
    private static final int PER_SECOND = 15;
    /** The default outbox relay batch (modulardata.outbox.batch-size): the most a killed publisher has in flight. */
    private static final int RELAY_BATCH = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PlatformProcess platform;
    private static String admin;
    private static String auditor;
    private static Map<String, Map<String, String>> settings;

    /** The service killed, and the command stream it serves (or, for audit-service, the one it audits). */
    enum Victim {
        REGISTRY("registry-service"), SECURITY("security-service"), AUDIT("audit-service");

        final String service;

        Victim(String service) {
            this.service = service;
        }
    }

    @BeforeAll
    static void startServers() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "platform-");
        platform = PlatformProcess.start(dataDir, "--no-services");
        admin = platform.token("platform-admin");
        auditor = platform.token("auditor");
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        settings = Map.of(
                "registry-service", Map.of(),
                "security-service", Map.of("MODULARDATA_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey)),
                "audit-service", Map.of("AUDIT_SIGNING_KEY_FILE", dataDir.resolve("audit/signing-key.pem").toString(),
                        "MODULARDATA_AUDIT_CHECKPOINTS_EVERY_ENTRIES", "25"));
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Victim.class)
    void aServiceKilledMidStreamLosesAndDuplicatesNothing(Victim victim) throws Exception {
        String commandService = victim == Victim.SECURITY ? "security-service" : "registry-service";
        String prefix = "kill-" + victim.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        Map<String, AtomicReference<ServiceProcess>> running = new HashMap<>();
        try (EventProbe events = new EventProbe(platform.kafkaBootstrapServers(), platform.registryUrl(),
                List.of(Topics.REGISTRY_EVENTS, Topics.SECURITY_EVENTS))) {
            for (String service : List.of(commandService, "audit-service")) {
                running.put(service, new AtomicReference<>(start(service)));
            }
            AtomicReference<ServiceProcess> commands = running.get(commandService);
            CommandStream stream = CommandStream.start(prefix, STREAM_CAP, PER_SECOND,
                    (i, correlationId) -> command(commands.get(), victim, prefix, i, correlationId));

            await().atMost(Duration.ofMinutes(1)).until(() -> stream.sent() >= COMMANDS_BEFORE_KILL);
            AtomicReference<ServiceProcess> killed = running.get(victim.service);
            killed.get().kill();
            killed.set(start(victim.service));
            stream.endAfter(COMMANDS_AFTER_RESTART);
            stream.awaitEnd();

            Set<String> accepted = stream.accepted();
            assertThat(accepted).as("answers %s", stream.answerCounts()).hasSizeGreaterThan(COMMANDS_BEFORE_KILL);
            ServiceProcess audit = running.get("audit-service").get();
            Map<String, List<String>> audited = awaitAudited(audit, stream, accepted);
            // A command may cause more than one event (a tenant's first encryption also creates its key ring),
            // but no event may be audited twice.
            List<String> auditedIds = audited.values().stream().flatMap(List::stream).toList();
            assertThat(auditedIds).as("each event once in the audit log").doesNotHaveDuplicates();

            Set<String> auditedEventIds = Set.copyOf(auditedIds);
            List<RecordedEvent> published = awaitPublished(events, prefix, auditedEventIds.size());
            List<String> publishedIds = published.stream().map(RecordedEvent::eventId).toList();
            assertKafkaCopies(publishedIds, victim);
            assertThat(Set.copyOf(publishedIds)).as("the audit log holds exactly what Kafka holds").isEqualTo(auditedEventIds);

            JsonNode verify = JSON.readTree(audit.get("/audit/verify", auditor).body());
            assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
            assertReadModelsEqualReplay(commands.get(), victim, prefix);
        } finally {
            for (AtomicReference<ServiceProcess> process : running.values()) {
                process.get().close();
            }
        }
    }

    /**
     * The outbox relay delivers at least once: a publisher killed after Kafka's ack but before it marks
     * the outbox row sends that row again after the restart (the audit log, like every consumer,
     * drops the copy by eventId). Only the killed publisher's in-flight events may appear twice.
     */
    private static void assertKafkaCopies(List<String> publishedIds, Victim victim) {
        if (victim == Victim.AUDIT) {
            assertThat(publishedIds).as("each event once on Kafka when no publisher died").doesNotHaveDuplicates();
            return;
        }
        Map<String, Long> copies = publishedIds.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(copies.values()).as("at most one redelivery per event on Kafka").allMatch(count -> count <= 2);
        assertThat(copies.values().stream().filter(count -> count > 1).count())
                .as("only events in flight at the kill are redelivered").isLessThanOrEqualTo(RELAY_BATCH);
    }

    private static ServiceProcess start(String service) throws Exception {
        return ServiceProcess.start(platform, service, service.replace("-service", ""), settings.get(service));
    }

    private static HttpResponse<String> command(ServiceProcess service, Victim victim, String prefix, int i, String correlationId)
            throws Exception {
        if (victim == Victim.SECURITY) {
            return service.send("POST", "/tenants/" + tenant(prefix) + "/encrypt", admin,
                    "{\"data\": \"record %d\", \"context\": {\"stream\": \"%s\"}}".formatted(i, prefix), correlationId);
        }
        return service.send("POST", "/tenants", admin, """
                {"tenantId": "%s%d", "tenantName": "Kill test %d", "dataProcessingTier": "BASIC",
                 "maxConcurrentJobs": 1, "allowedDataEnvironments": ["DEVELOPMENT"]}""".formatted(tenant(prefix), i, i), correlationId);
    }

    /** Tenant ids are at most 32 of a-z0-9-: the prefix without its random part's dashes will do. */
    private static String tenant(String prefix) {
        return prefix.replace("kill-", "k").replace("-", "");
    }

    /** Waits until every accepted command is audited; returns the audited eventIds per correlation id of the stream. */
    private static Map<String, List<String>> awaitAudited(ServiceProcess audit, CommandStream stream, Set<String> accepted)
            throws Exception {
        Map<String, List<String>> audited = new HashMap<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String correlationId : stream.all()) {
                if (!audited.containsKey(correlationId) || audited.get(correlationId).isEmpty()) {
                    audited.put(correlationId, auditedEventIds(audit, correlationId));
                }
            }
            assertThat(accepted).allSatisfy(id -> assertThat(audited.get(id)).as("audit entries of %s", id).isNotEmpty());
        });
        // Re-read everything once all are there, so a duplicate appended late is seen too.
        for (String correlationId : stream.all()) {
            audited.put(correlationId, auditedEventIds(audit, correlationId));
        }
        return audited;
    }

    private static List<String> auditedEventIds(ServiceProcess audit, String correlationId) throws Exception {
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

    /** What the service answers now equals what it answers after rebuilding its read models from the event log. */
    private static void assertReadModelsEqualReplay(ServiceProcess service, Victim victim, String prefix) throws Exception {
        String path = victim == Victim.SECURITY ? "/tenants/" + tenant(prefix) + "/keys" : "/tenants";
        JsonNode before = JSON.readTree(service.get(path, admin).body());
        HttpResponse<String> rebuild = service.send("POST", "/admin/read-models/rebuild", admin, null, null);
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(200);
        assertThat(JSON.readTree(service.get(path, admin).body())).isEqualTo(before);
    }
}
