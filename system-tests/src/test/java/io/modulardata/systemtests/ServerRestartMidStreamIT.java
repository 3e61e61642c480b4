package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.modulardata.events.Topics;
import io.modulardata.infra.stack.LocalStack;
import io.modulardata.infra.stack.StackAddresses;
import io.modulardata.infra.stack.StackConfig;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.infra.token.JwtKeys;
import io.modulardata.infra.token.Role;
import io.modulardata.infra.token.TokenIssuer;

/**
 * The Kafka broker, then PostgreSQL, stopped and started again (same port, same data) in the middle of
 * two command streams ({@link MixedCommands}: registry-service tenants, component versions and grants;
 * security-service encryptions, compliance settings, policy classifications and key rotations). The
 * services are not restarted: they must recover by themselves. Afterwards every accepted command has its
 * events in the audit log exactly once, Kafka holds the same events (a second copy only of an event whose
 * outbox row was pending while the server was down or coming back), the audit chain verifies and every
 * read model the streams changed equals a replay. While PostgreSQL is down a command may be refused, but
 * only with a clean 503.
 * <p>
 * The servers run in this JVM (a persistent {@link LocalStack}), which is what lets the test restart them.
 */
class ServerRestartMidStreamIT {

    /** 10 s of commands: the fault comes after a third of them, the rest meet the server down and back. */
    private static final int COMMANDS = 120;
    private static final int PER_SECOND = 12;

    private static Path dataDir;
    private static LocalStack stack;
    private static String admin;
    private static String auditor;
    private static ServiceProcess registry;
    private static ServiceProcess security;
    private static ServiceProcess audit;
    /** Every service process started, also those of a start that failed half-way, so that all are stopped. */
    private static final List<ServiceProcess> STARTED = new CopyOnWriteArrayList<>();

    /** The server restarted mid-stream. */
    enum Fault {
        KAFKA, POSTGRES
    }

    @BeforeAll
    static void startPlatform() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-");
        stack = LocalStack.startAll(StackConfig.builder().dataDir(dataDir.resolve("stack")).build());
        List.of("registry", "security", "audit").forEach(stack::createServiceDatabase);
        JwtKeys keys = JwtKeys.loadOrCreate(dataDir.resolve("jwt"));
        TokenIssuer tokens = new TokenIssuer(keys.privateKey(), TokenIssuer.DEFAULT_ISSUER);
        admin = tokens.issue(Role.PLATFORM_ADMIN, null, null, Duration.ofHours(1));
        auditor = tokens.issue(Role.AUDITOR, null, null, Duration.ofHours(1));

        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        StackAddresses servers = stack.addresses();
        Path publicKey = keys.publicKeyFile();
        // registry-service first registers the event schemas; the other two then start side by side.
        registry = startAsync(servers, publicKey, "registry-service", Map.of()).join();
        CompletableFuture<ServiceProcess> securityStart = startAsync(servers, publicKey, "security-service",
                MixedCommands.Security.serviceSettings(Base64.getEncoder().encodeToString(masterKey)));
        CompletableFuture<ServiceProcess> auditStart = startAsync(servers, publicKey, "audit-service",
                Map.of("MDP_AUDIT_SIGNING_KEY_FILE", dataDir.resolve("audit/signing-key.pem").toString(),
                        "MDP_AUDIT_CHECKPOINTS_EVERY_ENTRIES", "25"));
        security = securityStart.join();
        audit = auditStart.join();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (ServiceProcess service : STARTED) {
            service.close();
        }
        if (stack != null) {
            stack.stop();
        }
        if (dataDir != null) {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aServerRestartedMidStreamLosesAndDuplicatesNothing(Fault fault) throws Exception {
        String prefix = "srv-" + fault.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        String tenantPrefix = prefix + "t-";
        String encryptPrefix = prefix + "e-";
        MixedCommands.Registry registryCommands = new MixedCommands.Registry(tenant(tenantPrefix));
        MixedCommands.Security securityCommands = new MixedCommands.Security(tenant(encryptPrefix));
        // Every grant of the stream gets a version registered beforehand: no command depends on another one.
        registryCommands.prepare(asAdmin(registry), COMMANDS / 3 + 1);
        securityCommands.prepare(asAdmin(security));
        List<OutboxRows> outboxes = List.of(outbox("registry"), outbox("security"));
        for (OutboxRows outbox : outboxes) {
            outbox.watchDeletions();
        }
        Map<String, HttpResponse<String>> refused = new ConcurrentHashMap<>();
        try (EventProbe events = new EventProbe(stack.kafkaBootstrapServers(), stack.registryUrl(),
                List.of(Topics.REGISTRY_EVENTS, Topics.SECURITY_EVENTS))) {
            CommandStream tenants = CommandStream.start(tenantPrefix, COMMANDS, PER_SECOND, (i, correlationId) ->
                    remember(refused, correlationId, registryCommands.command(asAdmin(registry), i, correlationId)));
            CommandStream encryptions = CommandStream.start(encryptPrefix, COMMANDS, PER_SECOND, (i, correlationId) ->
                    remember(refused, correlationId, securityCommands.command(asAdmin(security), i, correlationId)));

            // One event of each stream read before the fault: the probe then holds their schemas and needs
            // nothing from the registry afterwards (whose storage is the PostgreSQL restarted below).
            for (String streamPrefix : List.of(tenantPrefix, encryptPrefix)) {
                events.await(event -> String.valueOf(event.field("correlationId")).startsWith(streamPrefix), Duration.ofSeconds(30));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> tenants.sent() >= COMMANDS / 3 && encryptions.sent() >= COMMANDS / 3);
            int sentBeforeFault = Math.max(tenants.sent(), encryptions.sent());
            assertThat(sentBeforeFault).as("the fault comes mid-stream").isLessThan(COMMANDS * 3 / 4);
            Instant faultStart = Instant.now();
            if (fault == Fault.KAFKA) {
                stack.restartKafka();
            } else {
                stack.restartPostgres();
            }
            // The disturbance lasts until both relays have published everything that waited meanwhile.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> outboxes.stream().allMatch(OutboxRows::isEmpty));
            Instant disturbanceEnd = Instant.now();
            tenants.awaitEnd();
            encryptions.awaitEnd();

            for (CommandStream stream : List.of(tenants, encryptions)) {
                assertAnswers(stream, fault, refused);
            }
            if (fault == Fault.POSTGRES) {
                // The restart takes over a second, at 24 commands a second: some must have met the server down.
                assertThat(refused).as("commands refused while PostgreSQL was down").isNotEmpty();
            }
            StreamOutcome outcome = new StreamOutcome(audit, auditor);
            Map<String, List<String>> audited = new HashMap<>();
            audited.putAll(outcome.awaitAudited(tenants));
            audited.putAll(outcome.awaitAudited(encryptions));
            for (CommandStream stream : List.of(tenants, encryptions)) {
                for (String correlationId : stream.all()) {
                    if (!stream.accepted().contains(correlationId)) {
                        assertThat(audited.get(correlationId)).as("events of refused command %s", correlationId).isEmpty();
                    }
                }
            }
            // At least once: a publish whose acknowledgement was lost to the broker restart, or whose outbox
            // delete was lost to the database restart, is sent again (consumers drop the copy by eventId).
            // Only events pending in an outbox during the disturbance may be sent twice.
            Set<String> pendingDuringFault = new HashSet<>();
            for (OutboxRows outbox : outboxes) {
                pendingDuringFault.addAll(outbox.pendingDuring(faultStart, disturbanceEnd));
            }
            outcome.assertAuditEqualsKafka(audited, events, prefix, pendingDuringFault);
            outcome.assertChainValid();
            StreamOutcome.assertReadModelsEqualReplay(registry, registryCommands.readModels(COMMANDS), admin);
            StreamOutcome.assertReadModelsEqualReplay(security, securityCommands.readModels(), admin);
        }
    }

    /**
     * Kafka down changes nothing for a command (the outbox keeps its events until the broker is back).
     * PostgreSQL down may refuse some, each with a 503 problem, never a 500 or no answer at all.
     */
    private static void assertAnswers(CommandStream stream, Fault fault, Map<String, HttpResponse<String>> refused) {
        Map<Integer, Long> counts = stream.answerCounts();
        assertThat(stream.all()).as("answers %s", counts).hasSize(COMMANDS);
        if (fault == Fault.KAFKA) {
            assertThat(stream.accepted()).as("answers %s; refused: %s", counts, bodies(refused)).hasSize(COMMANDS);
            return;
        }
        assertThat(counts.keySet()).as("answers %s; refused: %s; logged for the 500s:%n%s", counts, bodies(refused),
                loggedFailures(refused)).allMatch(status -> status / 100 == 2 || status == 503);
        assertThat(stream.accepted()).as("answers %s", counts).hasSizeGreaterThan(COMMANDS / 3);
        for (String correlationId : stream.all()) {
            HttpResponse<String> response = refused.get(correlationId);
            if (response != null) {
                assertThat(response.headers().firstValue("Content-Type")).as(response.body()).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(response.body()).contains("\"status\":503");
            }
        }
    }

    /** What the services logged with the reference of each 500, so that a failure in CI says why. */
    private static String loggedFailures(Map<String, HttpResponse<String>> refused) {
        Pattern reference = Pattern.compile("quote reference ([0-9a-f-]{36})");
        StringBuilder logged = new StringBuilder();
        for (HttpResponse<String> response : refused.values()) {
            Matcher matcher = reference.matcher(response.body());
            if (response.statusCode() == 500 && matcher.find()) {
                for (ServiceProcess service : List.of(registry, security)) {
                    logged.append(service.outputAround(matcher.group(1), 40));
                }
            }
        }
        return logged.toString();
    }

    private static Map<String, String> bodies(Map<String, HttpResponse<String>> refused) {
        return refused.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().statusCode() + " " + entry.getValue().body()));
    }

    private static HttpResponse<String> remember(Map<String, HttpResponse<String>> refused, String correlationId,
            HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            refused.put(correlationId, response);
        }
        return response;
    }

    private static MixedCommands.Call asAdmin(ServiceProcess service) {
        return (method, path, json, correlationId) -> service.send(method, path, admin, json, correlationId);
    }

    private static OutboxRows outbox(String database) {
        return new OutboxRows(stack.addresses().postgres(), database);
    }

    /** Tenant ids are at most 32 of a-z0-9-: the prefix without its dashes will do. */
    private static String tenant(String prefix) {
        return prefix.replace("-", "");
    }

    private static CompletableFuture<ServiceProcess> startAsync(StackAddresses servers, Path publicKey, String service,
            Map<String, String> settings) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ServiceProcess started = ServiceProcess.start(servers, publicKey, service, service.replace("-service", ""), settings);
                STARTED.add(started);
                return started;
            } catch (Exception e) {
                throw new IllegalStateException("Could not start " + service, e);
            }
        });
    }
}
