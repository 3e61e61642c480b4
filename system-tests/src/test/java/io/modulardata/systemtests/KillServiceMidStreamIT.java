package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventProbe;

/**
 * kill -9 of a service in the middle of a stream of commands, then a restart. Afterwards every
 * event of the stream is on Kafka and in the audit log once, every accepted command has its event, the
 * audit chain verifies, and every read model the stream changed equals a replay of the log. Only an event
 * the killed publisher had in flight (its outbox row still there after the kill) may be on Kafka twice.
 */
class KillServiceMidStreamIT {

    /** Commands sent before the kill, and (at least) after the restart: a restart takes seconds, the stream goes on meanwhile. */
    private static final int COMMANDS_BEFORE_KILL = 30;
    private static final int COMMANDS_AFTER_RESTART = 30;
    private static final int STREAM_CAP = 2_000;
    private static final int PER_SECOND = 15;

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
                "security-service", MixedCommands.Security.serviceSettings(Base64.getEncoder().encodeToString(masterKey)),
                "audit-service", Map.of("MDP_AUDIT_SIGNING_KEY_FILE", dataDir.resolve("audit/signing-key.pem").toString(),
                        "MDP_AUDIT_CHECKPOINTS_EVERY_ENTRIES", "25"));
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
        MixedCommands.Registry registryCommands = new MixedCommands.Registry(tenant(prefix));
        MixedCommands.Security securityCommands = new MixedCommands.Security(tenant(prefix));
        Map<String, AtomicReference<ServiceProcess>> running = new HashMap<>();
        try (EventProbe events = new EventProbe(platform.kafkaBootstrapServers(), platform.registryUrl(),
                List.of(Topics.REGISTRY_EVENTS, Topics.SECURITY_EVENTS))) {
            for (String service : List.of(commandService, "audit-service")) {
                running.put(service, new AtomicReference<>(start(service)));
            }
            AtomicReference<ServiceProcess> commands = running.get(commandService);
            MixedCommands.Call call = (method, path, json, correlationId) -> commands.get().send(method, path, admin, json, correlationId);
            if (victim == Victim.SECURITY) {
                securityCommands.prepare(call);
            } else {
                registryCommands.prepare(call, 0);
            }
            CommandStream stream = CommandStream.start(prefix, STREAM_CAP, PER_SECOND, (i, correlationId) -> victim == Victim.SECURITY
                    ? securityCommands.command(call, i, correlationId) : registryCommands.command(call, i, correlationId));

            await().atMost(Duration.ofMinutes(1)).until(() -> stream.sent() >= COMMANDS_BEFORE_KILL);
            AtomicReference<ServiceProcess> killed = running.get(victim.service);
            killed.get().kill();
            // What the killed publisher had in flight: committed, not yet acknowledged (the database is as it left it).
            Set<String> inFlightAtKill = victim == Victim.AUDIT ? Set.of() : outbox(victim.service).pendingEventIds();
            killed.set(start(victim.service));
            stream.endAfter(COMMANDS_AFTER_RESTART);
            stream.awaitEnd();

            Set<String> accepted = stream.accepted();
            assertThat(accepted).as("answers %s", stream.answerCounts()).hasSizeGreaterThan(COMMANDS_BEFORE_KILL);
            StreamOutcome outcome = new StreamOutcome(running.get("audit-service").get(), auditor);
            Map<String, List<String>> audited = outcome.awaitAudited(stream);
            // The outbox relay delivers at least once: a publisher killed after Kafka's ack but before it deleted
            // the outbox row sends that row again after the restart. Nothing else may come twice.
            outcome.assertAuditEqualsKafka(audited, events, prefix, inFlightAtKill);
            outcome.assertChainValid();
            StreamOutcome.assertReadModelsEqualReplay(commands.get(), victim == Victim.SECURITY
                    ? securityCommands.readModels() : registryCommands.readModels(stream.all().size()), admin);
        } finally {
            for (AtomicReference<ServiceProcess> process : running.values()) {
                process.get().close();
            }
        }
    }

    private static ServiceProcess start(String service) throws Exception {
        return ServiceProcess.start(platform, service, service.replace("-service", ""), settings.get(service));
    }

    private static OutboxRows outbox(String service) {
        return new OutboxRows(platform.postgres(), service.replace("-service", ""));
    }

    /** Tenant ids are at most 32 of a-z0-9-: the prefix without its random part's dashes will do. */
    private static String tenant(String prefix) {
        return prefix.replace("kill-", "k").replace("-", "");
    }
}
