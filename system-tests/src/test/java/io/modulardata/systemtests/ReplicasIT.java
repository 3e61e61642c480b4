package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.events.Topics;
import io.modulardata.kubernetes.ClusterWrite;
import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.stack.FreePorts;
import io.modulardata.fixtures.EventProbe;

/**
 * Two instances of every service against one PostgreSQL, one Kafka and the Kubernetes API emulation. A
 * mixed command stream (tenants, components, grants; encryptions, compliance and policy changes, key
 * rotations; rollouts) is spread over both instances of each service, and mid-stream one instance of each
 * service is killed with kill -9 at the same moment: registry-service's and security-service's first
 * instance (each relays its outbox), audit-service's first instance (it writes the chain), and the
 * deployment-service instance that holds the lease of a rollout in progress. Afterwards the
 * {@link StreamOutcome} checks hold for every stream (each event once in the audit log, exactly what Kafka
 * holds, a second copy only of what was pending at the kill; a valid chain; read models equal a replay),
 * every rollout ended once with each phase event once and in order, the cluster holds only each rollout's
 * live slot, and the emulated cluster's write log shows no object of a rollout written by two live instances
 * (the killed driver's writes all precede the kill). The test prints how long each hand-over took. Before the kills,
 * while both instances of security-service run: a data subject erased through one instance is shredded on the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final Duration READY_DELAY = Duration.ofSeconds(3);
    private static final int PER_SECOND = 8;
    private static final int COMMANDS_BEFORE_KILL = 40;
    /** Longer than a rollout lease (10 s) plus a poll: the stream goes on while the survivor takes over. */
    private static final int COMMANDS_AFTER_KILL = 120;
    private static final int STREAM_CAP = 2_000;
    private static final int ROLLOUTS = 12;
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> FIRST_ROLLOUT = List.of("DeploymentRequested", "GREEN_DEPLOYED", "GREEN_VALIDATED",
            "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP", "DeploymentSucceeded");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PlatformProcess platform;
    private static String admin;
    private static String auditor;
    private static String kubernetesUrl;
    private static final Map<String, ServicePair> SERVICES = new LinkedHashMap<>();
    /** Every instance started, also those of a start that failed half-way: all are stopped at the end. */
    private static final List<ServiceProcess> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTwoInstancesOfEveryService() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "replicas-");
        int kubernetesPort = FreePorts.pick();
        platform = PlatformProcess.start(dataDir, Map.of("MDP_KUBERNETES_PORT", String.valueOf(kubernetesPort),
                "MDP_KUBERNETES_READY_DELAY", READY_DELAY.toSeconds() + "s"), "--no-services");
        admin = platform.token("platform-admin");
        auditor = platform.token("auditor");
        kubernetesUrl = "http://127.0.0.1:" + kubernetesPort;
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        Map<String, Map<String, String>> settings = Map.of(
                "registry-service", Map.of(),
                "security-service", MixedCommands.Security.serviceSettings(Base64.getEncoder().encodeToString(masterKey)),
                "audit-service", Map.of("MDP_AUDIT_SIGNING_KEY_FILE", dataDir.resolve("audit/signing-key.pem").toString(),
                        "MDP_AUDIT_CHECKPOINTS_EVERY_ENTRIES", "25"),
                "deployment-service", Map.of("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", kubernetesUrl,
                        "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true"));
        // The first registry-service alone registers the event schemas in the fresh registry; then the other
        // seven start three at a time (the suite's time: one by one they took about a minute more; all seven at
        // once on two busy cores, one missed its 90 s to get ready).
        ServiceProcess firstRegistry = start("registry-service", settings.get("registry-service"), "a");
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            Map<String, List<CompletableFuture<ServiceProcess>>> starting = new LinkedHashMap<>();
            for (String service : List.of("registry-service", "security-service", "audit-service", "deployment-service")) {
                for (String name : service.equals("registry-service") ? List.of("b") : List.of("a", "b")) {
                    starting.computeIfAbsent(service, key -> new ArrayList<>()).add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return start(service, settings.get(service), name);
                        } catch (Exception e) {
                            throw new IllegalStateException("Could not start " + service + " " + name, e);
                        }
                    }, starters));
                }
            }
            starting.forEach((service, instances) -> {
                List<ServiceProcess> started = instances.stream().map(CompletableFuture::join).toList();
                SERVICES.put(service, service.equals("registry-service")
                        ? new ServicePair(firstRegistry, started.get(0)) : new ServicePair(started.get(0), started.get(1)));
            });
        } finally {
            starters.shutdown();
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (ServiceProcess instance : STARTED) {
            instance.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * Issue 18: security-service's second instance holds a subject's key in memory (it decrypted the subject's payload);
     * the erasure goes through the first. From then on both answer 410 key-shredded, the second as soon as it has read
     * SubjectErased from security-events, and a repeat of the erasure through the second changes nothing.
     */
    @Test
    @Order(1)
    void aSubjectErasedThroughOneInstanceIsShreddedOnTheOther() throws Exception {
        ServicePair security = SERVICES.get("security-service");
        String tenant = "re" + UUID.randomUUID().toString().substring(0, 6);
        String subject = "patient-" + UUID.randomUUID();
        HttpResponse<String> sealed = security.get(0).send("POST", "/tenants/" + tenant + "/encrypt", admin,
                "{\"data\": \"blood type 0+\", \"subjectId\": \"" + subject + "\"}", null);
        assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(200);
        String decrypt = "{\"encryptedPayload\": \"" + JSON.readTree(sealed.body()).path("encryptedPayload").asText() + "\"}";
        HttpResponse<String> opened = security.get(1).send("POST", "/tenants/" + tenant + "/decrypt", admin, decrypt, null);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(JSON.readTree(opened.body()).path("data").asText()).isEqualTo("blood type 0+");

        String erasure = "/tenants/" + tenant + "/subjects/" + subject + "/erasure";
        assertThat(security.get(0).send("POST", erasure, admin, null, null).statusCode()).isEqualTo(202);

        assertThat(security.get(0).send("POST", "/tenants/" + tenant + "/decrypt", admin, decrypt, null).statusCode())
                .as("the erasing instance").isEqualTo(410);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            HttpResponse<String> refused = security.get(1).send("POST", "/tenants/" + tenant + "/decrypt", admin, decrypt, null);
            assertThat(refused.statusCode()).as("the other instance: %s", refused.body()).isEqualTo(410);
            assertThat(JSON.readTree(refused.body()).path("type").asText()).endsWith("key-shredded");
        });
        HttpResponse<String> repeated = security.get(1).send("POST", erasure, admin, null, null);
        assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(202);
        assertThat(JSON.readTree(repeated.body()).path("state").asText()).isEqualTo("erased");
    }

    @Test
    @Order(2)
    void killingOneInstanceOfEveryServiceMidStreamLosesAndDuplicatesNothing() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 6);
        ServicePair registry = SERVICES.get("registry-service");
        ServicePair security = SERVICES.get("security-service");
        ServicePair audit = SERVICES.get("audit-service");
        ServicePair deployment = SERVICES.get("deployment-service");
        MixedCommands.Registry registryCommands = new MixedCommands.Registry("rr" + id);
        MixedCommands.Security securityCommands = new MixedCommands.Security("rs" + id);
        Rollouts rollouts = new Rollouts("rd" + id);

        try (EventProbe events = new EventProbe(platform.kafkaBootstrapServers(), platform.registryUrl(),
                List.of(Topics.REGISTRY_EVENTS, Topics.SECURITY_EVENTS, Topics.DEPLOYMENT_EVENTS));
                ClusterView cluster = new ClusterView(kubernetesUrl)) {
            MixedCommands.Call registryCall = (method, path, json, correlationId) -> registry.send(method, path, admin, json, correlationId);
            MixedCommands.Call securityCall = (method, path, json, correlationId) -> security.send(method, path, admin, json, correlationId);
            concurrentGrantsOnBothInstancesAreAllAcceptedInOneOrder(registry, "rc" + id);
            // The survivors relay too: an outbox row pending at the kill may be gone before the test looks.
            for (String database : List.of("registry", "security", "deployment")) {
                outbox(database).watchDeletions();
            }
            registryCommands.prepare(registryCall, 0);
            securityCommands.prepare(securityCall);
            rollouts.prepare(registry, deployment, events);

            CommandStream registryStream = CommandStream.start("rep-r" + id + "-", STREAM_CAP, PER_SECOND,
                    (i, correlationId) -> registryCommands.command(registryCall, i, correlationId));
            CommandStream securityStream = CommandStream.start("rep-s" + id + "-", STREAM_CAP, PER_SECOND,
                    (i, correlationId) -> securityCommands.command(securityCall, i, correlationId));
            CommandStream rolloutStream = CommandStream.start("rep-d" + id + "-", ROLLOUTS, 1,
                    (i, correlationId) -> rollouts.request(deployment, i, correlationId));

            await().atMost(Duration.ofMinutes(1)).until(() -> registryStream.sent() >= COMMANDS_BEFORE_KILL);
            Lease driven = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(ReplicasIT::aLeaseOfARolloutInProgress, Optional::isPresent).get();
            ServiceProcess driver = deployment.get(driven.holder().startsWith("deployment-a-") ? 0 : 1);

            Set<String> acceptedBeforeKill = accepted(registryStream, securityStream, rolloutStream);
            Instant killedAt = Instant.now();
            for (ServiceProcess victim : List.of(registry.get(0), security.get(0), audit.get(0), driver)) {
                victim.kill();
            }
            Instant killsDone = Instant.now();
            // What a killed publisher may have had in flight: every outbox row that existed during the kills.
            Set<String> registryInFlight = outbox("registry").pendingDuring(killedAt, killsDone);
            Set<String> securityInFlight = outbox("security").pendingDuring(killedAt, killsDone);
            Set<String> deploymentInFlight = outbox("deployment").pendingDuring(killedAt, killsDone);

            CompletableFuture<Duration> rolloutTakenOver = handOver(killedAt,
                    () -> holderOf(driven.deploymentId()).filter(holder -> !holder.equals(driven.holder())).isPresent());
            CompletableFuture<Duration> relayed = handOver(killedAt, () -> {
                Set<String> pending = new java.util.HashSet<>(registryInFlight);
                pending.addAll(securityInFlight);
                pending.addAll(deploymentInFlight);
                return allGone(pending);
            });
            // Commands accepted in the first second after the kill: their events reach every partition, those the
            // killed writer read too, which the survivor reads once the consumer group gave them to it.
            Thread.sleep(1000);
            Set<String> acceptedJustAfterKill = new java.util.HashSet<>(accepted(registryStream, securityStream, rolloutStream));
            acceptedJustAfterKill.removeAll(acceptedBeforeKill);
            assertThat(acceptedJustAfterKill).as("commands accepted in the second after the kill").isNotEmpty();
            CompletableFuture<Duration> auditWritten = handOver(killedAt, () -> allAudited(audit.get(1), acceptedJustAfterKill));

            registryStream.endAfter(COMMANDS_AFTER_KILL);
            securityStream.endAfter(COMMANDS_AFTER_KILL);
            for (CommandStream stream : List.of(registryStream, securityStream, rolloutStream)) {
                stream.awaitEnd();
            }
            System.out.printf("ReplicasIT hand-over after kill -9: rollout driver %d ms (lease of %s), outbox relay %d ms "
                    + "(%d events were pending), audit writer %d ms (until the %d commands accepted in the second after the kill "
                    + "were audited)%n", rolloutTakenOver.join().toMillis(), driven.deploymentId(), relayed.join().toMillis(),
                    registryInFlight.size() + securityInFlight.size() + deploymentInFlight.size(), auditWritten.join().toMillis(),
                    acceptedJustAfterKill.size());

            // Every rollout ended once, each phase once and in order; the cluster holds only its live slot.
            Map<String, String> requested = rollouts.accepted();
            assertThat(requested).as("rollouts %s", rolloutStream.answerCounts()).containsKey(driven.deploymentId());
            for (Map.Entry<String, String> rollout : requested.entrySet()) {
                events.await(event -> RolloutHistory.endsRollout(event, rollout.getKey()), ROLLOUT_TIMEOUT);
            }
            for (Map.Entry<String, String> rollout : requested.entrySet()) {
                assertThat(RolloutHistory.of(events, rollout.getKey())).as("rollout %s", rollout.getKey()).isEqualTo(FIRST_ROLLOUT);
                assertThat(cluster.deployedSlots(rollouts.tenant(), rollout.getValue())).as(rollout.getValue()).containsExactly("blue");
                assertThat(cluster.servedSlot(rollouts.tenant(), rollout.getValue())).as(rollout.getValue()).contains("blue");
            }

            assertNoObjectWrittenByTwoLiveInstances(requested.values(), "deployment-service/" + driven.holder(), killsDone);

            StreamOutcome outcome = new StreamOutcome(audit.get(1), auditor);
            awaitAllAudited(audit.get(1), rolloutStream, FIRST_ROLLOUT.size());
            Map<CommandStream, Set<String>> inFlight = Map.of(registryStream, registryInFlight, securityStream, securityInFlight,
                    rolloutStream, deploymentInFlight);
            for (Map.Entry<CommandStream, Set<String>> stream : inFlight.entrySet()) {
                assertThat(stream.getKey().accepted()).as("answers %s", stream.getKey().answerCounts()).isNotEmpty();
                Map<String, List<String>> audited = outcome.awaitAudited(stream.getKey());
                outcome.assertAuditEqualsKafka(audited, events, stream.getKey().prefix(), stream.getValue());
            }
            outcome.assertChainValid();
            StreamOutcome.assertReadModelsEqualReplay(registry.get(1), registryCommands.readModels(registryStream.all().size()), admin);
            StreamOutcome.assertReadModelsEqualReplay(security.get(1), securityCommands.readModels(), admin);
        }
    }

    /**
     * Optimistic concurrency across instances: as many grants to one tenant as a command has attempts (a
     * loser of a version conflict is re-run four times, so each round has a winner and all five must win), sent
     * at once, alternately to both registry-service instances, are all accepted, and the tenant's events are
     * numbered 1, 2, … with no gap and no number twice.
     */
    private static void concurrentGrantsOnBothInstancesAreAllAcceptedInOneOrder(ServicePair registry, String tenant) throws Exception {
        int grants = 5;
        expect(201, registry.send("POST", "/tenants", admin, """
                {"tenantId": "%s", "tenantName": "Concurrent grants", "dataProcessingTier": "BASIC",
                 "maxConcurrentJobs": 1, "allowedDataEnvironments": ["DEVELOPMENT"]}""".formatted(tenant), null));
        for (int i = 0; i < grants; i++) {
            expect(201, registry.send("POST", "/components", admin, """
                    {"componentId": "%s-%d", "componentName": "Concurrent", "componentVersion": "1.0.0",
                     "dataProcessingCapabilities": ["transform"], "supportedDataFormats": ["csv"],
                     "resourceRequirements": {"cpu": 1}, "securityClearanceLevel": "internal",
                     "complianceCertifications": ["SOC2"], "dependencies": []}""".formatted(tenant, i), null));
        }
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(grants);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < grants; i++) {
            ServiceProcess instance = registry.get(i % 2);
            String path = "/tenants/" + tenant + "/grants/" + tenant + "-" + i + "-1.0.0";
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return instance.send("PUT", path, admin, null, null).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, callers));
        }
        go.countDown();
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        callers.shutdown();
        assertThat(statuses).as("grant answers").allMatch(status -> status == 201);
        List<Long> versions = new ArrayList<>();
        try (Connection connection = Databases.connect(platform.postgres(), "registry"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select aggregate_version from event_store where aggregate_type = 'tenant'"
                        + " and aggregate_id = '" + tenant + "' order by aggregate_version")) {
            while (rows.next()) {
                versions.add(rows.getLong(1));
            }
        }
        assertThat(versions).as("the tenant's event versions").isEqualTo(
                java.util.stream.LongStream.rangeClosed(1, grants + 1).boxed().toList());
    }

    /**
     * From the emulated cluster's write log (each write with the writer's User-Agent, which names the instance):
     * each object of each rollout was written by one instance, or by the killed driver until the kill and by the
     * survivor after it, never by two instances in turn.
     */
    private static void assertNoObjectWrittenByTwoLiveInstances(java.util.Collection<String> components, String killedDriver,
            Instant killsDone) throws Exception {
        List<ClusterWrite> writes = Files.readAllLines(platform.dataDir().resolve("logs/kubernetes-emulator.log")).stream()
                .map(ClusterWrite::parse).flatMap(Optional::stream).toList();
        for (String component : components) {
            Map<String, List<ClusterWrite>> byObject = new LinkedHashMap<>();
            // The emulation's own Deployment controller writes status too, under its client's default User-Agent.
            writes.stream().filter(write -> write.path().contains(component) && write.userAgent().startsWith("deployment-service/"))
                    .forEach(write -> byObject.computeIfAbsent(write.path(), path -> new ArrayList<>()).add(write));
            assertThat(byObject).as("objects deployment-service wrote for %s", component).isNotEmpty();
            byObject.forEach((object, objectWrites) -> {
                List<String> turns = new ArrayList<>();
                for (ClusterWrite write : objectWrites) {
                    if (turns.isEmpty() || !turns.get(turns.size() - 1).equals(write.userAgent())) {
                        turns.add(write.userAgent());
                    }
                    if (write.userAgent().equals(killedDriver)) {
                        assertThat(write.at()).as("a write of the killed driver to %s", object).isBeforeOrEqualTo(killsDone);
                    }
                }
                assertThat(turns).as("instances writing %s, in turn", object).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(2);
            });
        }
    }

    /** Instance {@code name} (a, b) of a service; deployment-service names its leases after HOSTNAME. */
    private static ServiceProcess start(String service, Map<String, String> settings, String name) throws Exception {
        Map<String, String> withName = new HashMap<>(settings);
        withName.put("HOSTNAME", service.replace("-service", "") + "-" + name);
        ServiceProcess started = ServiceProcess.start(platform, service, service.replace("-service", ""), withName);
        STARTED.add(started);
        return started;
    }

    /** Measures, from {@code since}, how long until {@code done} holds (polled every 100 ms, at most two minutes). */
    private static CompletableFuture<Duration> handOver(Instant since, BooleanSupplier done) {
        return CompletableFuture.supplyAsync(() -> {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(done::getAsBoolean);
            return Duration.between(since, Instant.now());
        });
    }

    private record Lease(String deploymentId, String holder) {
    }

    private static Optional<Lease> aLeaseOfARolloutInProgress() throws Exception {
        try (Connection connection = Databases.connect(platform.postgres(), "deployment"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select l.deployment_id, l.holder from rollout_lease l join deployment d
                        on d.deployment_id = l.deployment_id where d.status in ('REQUESTED', 'DEPLOYING') limit 1""")) {
            return rows.next() ? Optional.of(new Lease(rows.getString(1), rows.getString(2))) : Optional.empty();
        }
    }

    private static Optional<String> holderOf(String deploymentId) {
        try (Connection connection = Databases.connect(platform.postgres(), "deployment"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select holder from rollout_lease where deployment_id = '" + deploymentId + "'")) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static boolean allGone(Set<String> eventIds) {
        try {
            for (String database : List.of("registry", "security", "deployment")) {
                if (outbox(database).pendingEventIds().stream().anyMatch(eventIds::contains)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Set<String> accepted(CommandStream... streams) {
        Set<String> accepted = new java.util.HashSet<>();
        for (CommandStream stream : streams) {
            accepted.addAll(stream.accepted());
        }
        return accepted;
    }

    /** Whether the audit log holds an entry for each of the correlation ids. */
    private static boolean allAudited(ServiceProcess audit, Set<String> correlationIds) {
        try {
            for (String correlationId : correlationIds) {
                HttpResponse<String> page = audit.get("/audit/events?limit=1&correlationId=" + correlationId, auditor);
                if (page.statusCode() != 200 || JSON.readTree(page.body()).path("items").isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Until every accepted command of the stream has {@code events} entries in the audit log (a rollout's whole history). */
    private static void awaitAllAudited(ServiceProcess audit, CommandStream stream, int events) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String correlationId : stream.accepted()) {
                HttpResponse<String> page = audit.get("/audit/events?limit=50&correlationId=" + correlationId, auditor);
                assertThat(JSON.readTree(page.body()).path("items").size()).as("audit entries of %s", correlationId).isEqualTo(events);
            }
        });
    }

    private static OutboxRows outbox(String database) {
        return new OutboxRows(platform.postgres(), database);
    }


    /** One tenant's rollouts, each of its own component so that none waits for another. */
    private static final class Rollouts {
        private final String tenant;
        /** deploymentId → container name, of the rollouts accepted (202). */
        private final Map<String, String> accepted = new ConcurrentHashMap<>();

        Rollouts(String tenant) {
            this.tenant = tenant;
        }

        String tenant() {
            return tenant;
        }

        Map<String, String> accepted() {
            return Map.copyOf(accepted);
        }

        /**
         * The tenant, a component per rollout granted to it, and a first rollout that waits until
         * deployment-service has read the grants from registry-events (until then it answers 403 or 404).
         */
        void prepare(ServicePair registry, ServicePair deployment, EventProbe events) throws Exception {
            expect(201, registry.send("POST", "/tenants", admin, """
                    {"tenantId": "%s", "tenantName": "Replicas", "dataProcessingTier": "ENTERPRISE",
                     "maxConcurrentJobs": 50, "allowedDataEnvironments": ["STAGING"]}""".formatted(tenant), null));
            for (int i = 0; i <= ROLLOUTS; i++) {
                expect(201, registry.send("POST", "/components", admin, """
                        {"componentId": "%s", "componentName": "Replica %d", "componentVersion": "1.0.0",
                         "dataProcessingCapabilities": ["transform"], "supportedDataFormats": ["csv"],
                         "resourceRequirements": {"cpu": 1, "memory": "1Gi"}, "securityClearanceLevel": "internal",
                         "complianceCertifications": ["SOC2"], "dependencies": [],
                         "containerImages": ["registry.example.com/data/%s"]}""".formatted(component(i), i, component(i)), null));
                expect(201, registry.send("PUT", "/tenants/" + tenant + "/grants/" + component(i) + "-1.0.0", admin, null, null));
            }
            String[] first = new String[1];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> response = deployment.send("POST", "/tenants/" + tenant + "/deployments", admin,
                        body(ROLLOUTS), null);
                assertThat(response.statusCode()).as(response.body()).isIn(202, 403, 404);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                first[0] = JSON.readTree(response.body()).path("deploymentId").asText();
            });
            events.await(event -> RolloutHistory.endsRollout(event, first[0]), ROLLOUT_TIMEOUT);
        }

        HttpResponse<String> request(ServicePair deployment, int i, String correlationId) throws Exception {
            HttpResponse<String> response = deployment.send("POST", "/tenants/" + tenant + "/deployments", admin, body(i), correlationId);
            if (response.statusCode() == 202) {
                accepted.put(JSON.readTree(response.body()).path("deploymentId").asText(), component(i));
            }
            return response;
        }

        private String body(int i) {
            return """
                    {"componentId": "%s", "componentVersion": "1.0.0", "environment": "STAGING",
                     "container": {"imageName": "registry.example.com/data/%s", "imageTag": "1.0.0", "containerName": "%s",
                                   "cpuCores": 0.5, "memoryGb": 1.0, "minReplicas": 1, "maxReplicas": 2},
                     "validation": {"readinessTimeoutSeconds": 120, "scaleDownDelaySeconds": 0}}"""
                    .formatted(component(i), component(i), component(i));
        }

        private String component(int i) {
            return tenant + "-c" + i;
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }
}
