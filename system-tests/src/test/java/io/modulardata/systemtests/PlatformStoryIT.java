package io.modulardata.systemtests;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.RecordedEvent;

/**
 * The platform's whole story, as issue 6 tells it, against one real {@code infra/platform up} (four services
 * and the emulated Kubernetes cluster), over HTTP only: two tenants and their components, grants, lifecycle,
 * discovery, a blue-green rollout and its rollback, encryption with key rotation, compliance settings and
 * policies; then the audit log must hold every event Kafka carried exactly once, in publication order, on a
 * valid chain, and each tenant's timeline and compliance report must count exactly what the story did.
 */
@ExtendWith(SharedPlatform.class)
class PlatformStoryIT {

    private static final String A = "northwind";
    private static final String B = "globex";
    private static final String PLATFORM = "platform";
    /** The rolled-out container; Kubernetes names are data-processing-{tenant}-{container}[-{slot}]. */
    private static final String CONTAINER = "etl";
    private static final String ROLLBACK_REASON = "wrong numbers in staging";
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private static PlatformProcess platform;
    private static EventProbe probe;

    private final StoryHttp http = new StoryHttp("story");
    private String admin;
    private String auditor;
    private String adminA;
    private String adminB;
    private String userB;
    private String firstDeployment;
    private String firstDeploymentCall;
    private String rolledBackDeployment;
    private int deploymentPhases;

    /** The first user of the shared platform: the whole log is this story's when it is checked. */
    @BeforeAll
    static void watchEveryTopic(PlatformProcess shared) {
        platform = shared;
        // Started before the story: it reads every topic from its beginning, so it sees every event once published.
        probe = new EventProbe(platform.kafkaBootstrapServers(), platform.registryUrl(), Topics.ALL);
    }

    @AfterAll
    static void closeTheProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void theWholeStoryIsAuditedOnceInOrderAndEachTenantsReportTellsIt() throws Exception {
        admin = platform.token("platform-admin");
        auditor = platform.token("auditor");
        adminA = platform.token("tenant-admin", A);
        adminB = platform.token("tenant-admin", B);
        userB = platform.token("tenant-user", B);

        registerTenantsComponentsGrantsAndLifecycle();
        eachTenantDiscoversExactlyItsGrantedComponents();
        deployBlueGreenRollBackAndRefuse();
        encryptDecryptRotateAndRewrap();
        configureComplianceAndPolicies();

        List<JsonNode> audited = auditHoldsEveryPublishedEventOnceInPublicationOrder();
        eachTenantsAuditTrailIsExactlyWhatTheStoryDid(audited);
        aTenantAdminSeesOnlyItsOwnAuditTrail(audited);
        timelinesTellEachTenantsStory(audited);
        complianceReportsCountTheStory(audited);
    }

    // 1. registry-service

    private void registerTenantsComponentsGrantsAndLifecycle() {
        http.send("POST", reg("/tenants"), admin, tenantA(500)).expect(201);
        http.send("POST", reg("/tenants"), admin, """
                {"tenantId": "globex", "tenantName": "Globex Health", "dataProcessingTier": "BASIC",
                 "maxConcurrentJobs": 1, "maxMonthlyProcessingHours": null, "allowedDataEnvironments": ["DEVELOPMENT"],
                 "dataStorageQuotaGb": 50, "customDataProcessingLimits": {}}""").expect(201);
        JsonNode changed = http.send("PUT", reg("/tenants/" + A), admin, tenantA(750)).expect(200).json();
        assertThat(changed.path("dataStorageQuotaGb").asInt()).isEqualTo(750);

        http.send("POST", reg("/components"), admin, component("etl-core", "1.0.0", List.of("transform", "validate"),
                List.of("csv", "parquet"), "internal")).expect(201);
        http.send("POST", reg("/components"), admin, component("etl-core", "1.1.0", List.of("transform", "validate", "enrich"),
                List.of("csv", "parquet", "avro"), "internal")).expect(201);
        http.send("POST", reg("/components"), admin, component("etl-core", "2.0.0", List.of("transform"),
                List.of("parquet"), "confidential")).expect(201);
        http.send("POST", reg("/components"), admin, component("pii-scanner", "1.0.0", List.of("scan", "classify"),
                List.of("json", "csv"), "restricted")).expect(201);
        // Bad input changes nothing: no event (the exact event counts below would show one).
        http.send("POST", reg("/components"), admin, component("etl-core", "three", List.of("transform"),
                List.of("csv"), "internal")).expectProblem(400, "componentVersion");

        for (String key : List.of("etl-core-1.0.0", "etl-core-1.1.0", "etl-core-2.0.0")) {
            http.send("PUT", reg("/tenants/" + A + "/grants/" + key), admin, null).expect(201);
        }
        for (String key : List.of("etl-core-1.1.0", "pii-scanner-1.0.0")) {
            http.send("PUT", reg("/tenants/" + B + "/grants/" + key), admin, null).expect(201);
        }
        http.send("PUT", reg("/tenants/" + A + "/grants/etl-core-1.1.0"), admin, null).expect(200); // already granted: no event

        String status = reg("/components/etl-core/versions/1.0.0/status");
        http.send("PUT", status, admin, "{\"status\": \"DEPRECATED\"}").expect(200);
        http.send("PUT", status, admin, "{\"status\": \"SUNSET\"}").expect(200);
        http.send("PUT", status, admin, "{\"status\": \"ACTIVE\"}").expect(409); // forward only
        assertThat(http.get(reg("/components/etl-core/versions/1.0.0"), auditor).expect(200).json().path("status").asText())
                .isEqualTo("SUNSET");
    }

    // 2. discovery

    private void eachTenantDiscoversExactlyItsGrantedComponents() {
        // The SUNSET 1.0.0 is granted but no longer offered.
        assertThat(discover(adminA, A, "")).containsExactlyInAnyOrder("etl-core-1.1.0", "etl-core-2.0.0");
        assertThat(discover(adminA, A, "?capability=enrich&dataFormat=avro")).containsExactly("etl-core-1.1.0");
        assertThat(discover(adminA, A, "?dataFormat=parquet&minClearance=confidential")).containsExactly("etl-core-2.0.0");
        assertThat(discover(adminA, A, "?capability=transform&capability=validate")).containsExactly("etl-core-1.1.0");
        assertThat(discover(adminA, A, "?capability=scan")).as("B's pii-scanner is not A's").isEmpty();

        assertThat(discover(adminB, B, "")).containsExactlyInAnyOrder("etl-core-1.1.0", "pii-scanner-1.0.0");
        assertThat(discover(userB, B, "?capability=scan&dataFormat=json&minClearance=restricted"))
                .containsExactly("pii-scanner-1.0.0");
        assertThat(discover(userB, B, "?minClearance=confidential")).containsExactly("pii-scanner-1.0.0");

        http.get(reg("/tenants/" + A + "/components"), adminB).expect(404);
        http.get(reg("/tenants/" + B + "/grants"), adminA).expect(404);
        assertThat(http.get(reg("/tenants/" + B + "/grants"), adminB).expect(200).json().findValuesAsText("componentKey"))
                .containsExactlyInAnyOrder("etl-core-1.1.0", "pii-scanner-1.0.0");
    }

    private List<String> discover(String token, String tenant, String query) {
        return http.get(reg("/tenants/" + tenant + "/components" + query), token).expect(200).json()
                .findValuesAsText("componentKey");
    }

    // 3. deployment-service on the emulated cluster

    private void deployBlueGreenRollBackAndRefuse() throws Exception {
        // deployment-service knows tenants, grants and versions only from registry-events: wait until it read them all.
        awaitPublished(Topics.REGISTRY_EVENTS, 14);
        ConsumerGroupProgress.awaitCaughtUp(platform.kafkaBootstrapServers(), "deployment-service", Topics.REGISTRY_EVENTS,
                Duration.ofSeconds(60));

        StoryHttp.Answer deploy = http.send("POST", dep("/tenants/" + A + "/deployments"), adminA,
                deployment("1.1.0", "STAGING", 1)).expect(202);
        assertThat(deploy.echoedCorrelationId()).isEqualTo(deploy.correlationId());
        firstDeploymentCall = deploy.correlationId();
        JsonNode first = deploy.json();
        assertThat(first.path("targetSlot").asText()).isEqualTo("BLUE");
        firstDeployment = first.path("deploymentId").asText();
        JsonNode deployed = awaitDeployment(firstDeployment, view -> view.path("status").asText().equals("DEPLOYED"));
        assertThat(phases(deployed)).containsExactly("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP");
        assertThat(serviceSlot()).isEqualTo("blue");

        JsonNode second = http.send("POST", dep("/tenants/" + A + "/deployments"), adminA, deployment("2.0.0", "STAGING", 90))
                .expect(202).json();
        assertThat(second.path("targetSlot").asText()).isEqualTo("GREEN");
        rolledBackDeployment = second.path("deploymentId").asText();
        awaitDeployment(rolledBackDeployment, view -> phases(view).contains("TRAFFIC_SWITCHED"));
        assertThat(serviceSlot()).as("traffic on 2.0.0").isEqualTo("green");
        // A second rollout of the same component while one is in progress is refused, not queued.
        http.send("POST", dep("/tenants/" + A + "/deployments"), adminA, deployment("1.1.0", "STAGING", 1))
                .expectProblem(409, "componentId");

        JsonNode rolledBack = http.send("POST", dep("/deployments/" + rolledBackDeployment + "/rollback"), adminA,
                "{\"reason\": \"" + ROLLBACK_REASON + "\"}").expect(200).json();
        assertThat(rolledBack.path("status").asText()).isEqualTo("ROLLED_BACK");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(serviceSlot()).as("traffic back on 1.1.0").isEqualTo("blue");
            assertThat(http.get(cluster("/apis/apps/v1/namespaces/data-tenant-" + A + "/deployments/data-processing-" + A + "-"
                    + CONTAINER + "-green"), admin).status()).as("2.0.0's Deployment deleted").isEqualTo(404);
            assertThat(deploymentView(firstDeployment).path("live").asBoolean()).isTrue();
        });
        JsonNode rolledBackView = deploymentView(rolledBackDeployment);
        assertThat(rolledBackView.path("status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(rolledBackView.path("live").asBoolean()).isFalse();
        assertThat(deploymentView(firstDeployment).path("status").asText()).isEqualTo("DEPLOYED");
        deploymentPhases = phases(deploymentView(firstDeployment)).size() + phases(rolledBackView).size();

        // Refusals write nothing.
        http.send("POST", dep("/tenants/" + A + "/deployments"), adminA, deployment("1.0.0", "STAGING", 1))
                .expectProblem(409, "componentVersion"); // SUNSET
        http.send("POST", dep("/tenants/" + A + "/deployments"), adminA, deployment("1.1.0", "PRODUCTION", 1))
                .expectProblem(422, "environment");
        http.send("POST", dep("/tenants/" + B + "/deployments"), admin, deployment("2.0.0", "DEVELOPMENT", 1))
                .expectProblem(403, "componentVersion"); // not granted to B
        http.send("POST", dep("/tenants/" + A + "/deployments"), adminB, deployment("1.1.0", "STAGING", 1)).expect(404);
        http.send("POST", dep("/tenants/" + B + "/deployments"), userB, deployment("1.1.0", "DEVELOPMENT", 1)).expect(403);
        http.get(dep("/deployments/" + firstDeployment), adminB).expect(404);

        assertThat(http.get(dep("/tenants/" + A + "/deployments"), adminA).expect(200).json().findValuesAsText("deploymentId"))
                .as("history, newest first").containsExactly(rolledBackDeployment, firstDeployment);
        assertThat(http.get(dep("/tenants/" + B + "/deployments"), adminB).expect(200).json()).isEmpty();
    }

    private JsonNode awaitDeployment(String deploymentId, Predicate<JsonNode> condition) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            view[0] = deploymentView(deploymentId);
            assertThat(view[0].path("status").asText()).as(view[0].toString()).isNotIn("FAILED");
            return condition.test(view[0]);
        });
        return view[0];
    }

    private JsonNode deploymentView(String deploymentId) {
        return http.get(dep("/deployments/" + deploymentId), adminA).expect(200).json();
    }

    private static List<String> phases(JsonNode view) {
        return view.path("phases").findValuesAsText("phase");
    }

    /** The slot the tenant's Service routes to, as the emulated cluster holds it. */
    private String serviceSlot() {
        return http.get(cluster("/api/v1/namespaces/data-tenant-" + A + "/services/data-processing-" + A + "-" + CONTAINER), admin)
                .expect(200).json().path("spec").path("selector").path("slot").asText();
    }

    // 4. security-service

    private void encryptDecryptRotateAndRewrap() {
        String invoice = "invoice 1001: 420.00 EUR";
        String token = encrypt(adminA, A, invoice, 1);
        encrypt(adminA, A, "invoice 1002: 99.90 EUR", 1);
        assertThat(decrypt(adminA, A, token).expect(200).json().path("data").asText()).isEqualTo(invoice);
        String tampered = token.substring(0, 20) + (token.charAt(20) == 'A' ? 'B' : 'A') + token.substring(21);
        decrypt(adminA, A, tampered).expect(400);

        String record = "patient 77: blood type 0+";
        String tokenB = encrypt(userB, B, record, 1);
        assertThat(decrypt(userB, B, tokenB).expect(200).json().path("data").asText()).isEqualTo(record);
        decrypt(adminB, A, token).expect(404); // B's token may not even ask A's service
        JsonNode foreign = decrypt(userB, B, token).expect(400).json(); // A's ciphertext is no token of B's
        assertThat(foreign.path("type").asText()).endsWith("invalid-token");

        http.send("POST", sec("/tenants/" + A + "/keys/rotate"), adminA, null).expect(200);
        JsonNode rewrapped = http.send("POST", sec("/tenants/" + A + "/rewrap"), adminA,
                json(Map.of("encryptedPayload", token))).expect(200).json();
        assertThat(rewrapped.path("keyVersion").asInt()).isEqualTo(2);
        JsonNode again = decrypt(adminA, A, rewrapped.path("encryptedPayload").asText()).expect(200).json();
        assertThat(again.path("data").asText()).isEqualTo(invoice);
        assertThat(again.path("keyVersion").asInt()).isEqualTo(2);
        http.send("POST", sec("/tenants/" + B + "/keys/rotate"), admin, null).expect(200);
    }

    private String encrypt(String token, String tenant, String data, int keyVersion) {
        JsonNode encrypted = http.send("POST", sec("/tenants/" + tenant + "/encrypt"), token,
                json(Map.of("data", data, "context", Map.of("purpose", "story")))).expect(200).json();
        assertThat(encrypted.path("keyVersion").asInt()).isEqualTo(keyVersion);
        return encrypted.path("encryptedPayload").asText();
    }

    private StoryHttp.Answer decrypt(String token, String tenant, String encryptedPayload) {
        return http.send("POST", sec("/tenants/" + tenant + "/decrypt"), token, json(Map.of("encryptedPayload", encryptedPayload)));
    }

    private void configureComplianceAndPolicies() {
        http.send("PUT", sec("/tenants/" + A + "/compliance/SOC2"), adminA,
                "{\"requirements\": {\"privacy\": true, \"accessReviewDays\": 30}}").expect(200);
        http.send("PUT", sec("/tenants/" + B + "/compliance/GDPR"), admin,
                "{\"requirements\": {\"lawfulBasis\": \"consent\", \"retentionDays\": 30}}").expect(200);
        http.send("PUT", sec("/tenants/" + B + "/compliance/HIPAA"), adminB,
                "{\"requirements\": {\"businessAssociateAgreements\": [\"st-mary-hospital\"]}}").expect(200);
        http.send("PUT", sec("/tenants/" + A + "/compliance/SOC2"), adminA, "{\"requirements\": {\"security\": false}}")
                .expectProblem(400, "requirements.security");
        http.send("PUT", sec("/tenants/" + A + "/compliance/SOC2"), adminB, "{\"requirements\": {\"privacy\": false}}").expect(404);

        String policy = sec("/policies/data-access");
        http.send("PUT", policy, admin, "{\"description\": \"Who may touch customer data\"}").expect(201);
        http.send("PUT", policy + "/access-controls/" + A, admin, """
                {"permissions": ["read", "write"], "conditions": {"allowedCidrs": ["10.0.0.0/8"]}, "clearance": "confidential"}""")
                .expect(200);
        http.send("PUT", policy + "/access-controls/" + B, admin, "{\"permissions\": [\"read\"], \"clearance\": \"restricted\"}")
                .expect(200);
        http.send("PUT", policy + "/classifications/export", admin, "{\"classification\": \"restricted\"}").expect(200);
        http.send("PUT", policy + "/encryption-requirements/customer_records", admin, "{\"required\": true}").expect(200);
        http.send("PUT", policy + "/classifications/export", admin, "{\"classification\": \"secret\"}")
                .expectProblem(400, "classification");

        assertThat(evaluate(adminA, A, "read", "report", "customer_records", true, "10.1.2.3")).isEmpty();
        assertThat(evaluate(adminA, A, "read", "export", "customer_records", false, "192.168.1.5"))
                .containsExactlyInAnyOrder("source_ip_not_allowed", "encryption_required", "classification_exceeds_clearance");
        assertThat(evaluate(adminA, A, "delete", "report", "customer_records", true, "10.1.2.3"))
                .containsExactly("missing_permission");
        // B's HIPAA settings make phi need encryption, though the policy itself does not ask for it.
        assertThat(evaluate(userB, B, "read", "report", "phi", false, "172.16.0.9")).containsExactly("encryption_required_by_HIPAA");
        assertThat(evaluate(userB, B, "read", "export", "phi", true, "172.16.0.9")).isEmpty();
        http.send("POST", policy + "/evaluate", userB, evaluation(A, "read", "report", "phi", true, "10.1.2.3")).expect(404);
    }

    /** The deny reasons; empty for ALLOW. */
    private List<String> evaluate(String token, String tenant, String permission, String operation, String dataType,
            boolean encrypted, String sourceIp) {
        JsonNode decision = http.send("POST", sec("/policies/data-access/evaluate"), token,
                evaluation(tenant, permission, operation, dataType, encrypted, sourceIp)).expect(200).json();
        List<String> reasons = new ArrayList<>();
        decision.path("reasons").forEach(reason -> reasons.add(reason.asText()));
        assertThat(decision.path("decision").asText()).isEqualTo(reasons.isEmpty() ? "ALLOW" : "DENY");
        return reasons;
    }

    private static String evaluation(String tenant, String permission, String operation, String dataType, boolean encrypted,
            String sourceIp) {
        return json(Map.of("tenantId", tenant, "permission", permission, "operation", operation, "dataType", dataType,
                "encrypted", encrypted, "sourceIp", sourceIp));
    }

    // 5. audit-service

    /**
     * Every event on the three topics is in the audit log exactly once and nothing else is; per Kafka key
     * (tenant) and topic the audit sequence follows the order of publication, and each aggregate's versions
     * count up from 1 with time never going backwards. The whole chain verifies.
     */
    private List<JsonNode> auditHoldsEveryPublishedEventOnceInPublicationOrder() {
        List<JsonNode> audited = new ArrayList<>();
        List<RecordedEvent> published = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            published.clear();
            published.addAll(probe.collect(Duration.ofMillis(300)));
            audited.clear();
            audited.addAll(http.allPages(aud("/audit/events?limit=20"), auditor));
            assertThat(ids(audited)).as("audited eventIds").containsExactlyInAnyOrderElementsOf(
                    published.stream().map(RecordedEvent::eventId).toList());
        });
        assertThat(published.stream().map(RecordedEvent::eventId).toList()).as("each event once on Kafka").doesNotHaveDuplicates();
        assertThat(ids(audited)).as("each event once in the audit log").doesNotHaveDuplicates();

        Map<String, JsonNode> byId = audited.stream().collect(Collectors.toMap(entry -> entry.path("eventId").asText(),
                Function.identity()));
        Map<String, List<Long>> sequencesPerKey = new LinkedHashMap<>();
        for (RecordedEvent event : published) {
            sequencesPerKey.computeIfAbsent(event.topic() + "/" + event.key(), key -> new ArrayList<>())
                    .add(byId.get(event.eventId()).path("sequence").asLong());
        }
        sequencesPerKey.forEach((key, sequences) -> assertThat(sequences)
                .as("audit sequence of %s in publication order", key).isSorted().doesNotHaveDuplicates());

        Map<String, List<JsonNode>> perAggregate = audited.stream()
                .sorted(Comparator.comparingLong(entry -> entry.path("sequence").asLong()))
                .collect(groupingBy(entry -> entry.path("topic").asText() + "/" + entry.path("aggregateId").asText(),
                        LinkedHashMap::new, Collectors.toList()));
        perAggregate.forEach((aggregate, entries) -> {
            assertThat(entries.stream().map(entry -> entry.path("aggregateVersion").asLong()).toList())
                    .as("versions of %s", aggregate)
                    .isEqualTo(LongStream.rangeClosed(1, entries.size()).boxed().toList());
            assertThat(entries.stream().map(entry -> Instant.parse(entry.path("occurredAt").asText())).toList())
                    .as("occurredAt of %s", aggregate).isSorted();
        });

        // Every event goes back to one of the story's calls; a rollout's steps to the call that requested it.
        Set<String> sent = http.correlationIds();
        assertThat(audited).allSatisfy(entry -> assertThat(sent).as("correlation id of %s", entry)
                .contains(entry.path("correlationId").asText()));
        List<JsonNode> firstRollout = http.allPages(aud("/audit/events?correlationId=" + firstDeploymentCall), auditor);
        assertThat(oldestFirst(firstRollout).stream().map(PlatformStoryIT::typeOf).toList()).containsExactly(
                "DeploymentRequested", "DeploymentPhaseCompleted", "DeploymentPhaseCompleted", "DeploymentPhaseCompleted",
                "DeploymentPhaseCompleted", "DeploymentSucceeded");

        JsonNode verify = http.get(aud("/audit/verify"), auditor).expect(200).json();
        assertThat(verify.path("valid").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.path("checkedEntries").asLong()).isEqualTo(audited.size());
        return audited;
    }

    private void eachTenantsAuditTrailIsExactlyWhatTheStoryDid(List<JsonNode> audited) {
        Map<String, Map<String, Long>> types = audited.stream().collect(groupingBy(entry -> entry.path("tenantId").asText(),
                TreeMap::new, groupingBy(PlatformStoryIT::typeOf, TreeMap::new, counting())));
        Map<String, Long> a = new TreeMap<>(Map.ofEntries(
                Map.entry("TenantRegistered", 1L), Map.entry("TenantConfigurationChanged", 1L),
                Map.entry("ComponentAccessGranted", 3L),
                Map.entry("DeploymentRequested", 2L), Map.entry("DeploymentPhaseCompleted", (long) deploymentPhases),
                Map.entry("DeploymentSucceeded", 1L), Map.entry("DeploymentRolledBack", 1L),
                Map.entry("KeyRingCreated", 1L), Map.entry("SecurityEvent:data_encryption", 2L),
                Map.entry("SecurityEvent:data_decryption", 3L), Map.entry("KeyRotated", 1L),
                Map.entry("SecurityEvent:rewrap", 1L), Map.entry("ComplianceConfigured", 1L),
                Map.entry("SecurityEvent:policy_evaluated", 3L)));
        Map<String, Long> b = new TreeMap<>(Map.of(
                "TenantRegistered", 1L, "ComponentAccessGranted", 2L,
                "KeyRingCreated", 1L, "SecurityEvent:data_encryption", 1L, "SecurityEvent:data_decryption", 2L,
                "KeyRotated", 1L, "ComplianceConfigured", 2L,
                "SecurityEvent:policy_evaluated", 2L));
        Map<String, Long> platformWide = new TreeMap<>(Map.of(
                "ComponentRegistered", 4L, "ComponentStatusChanged", 2L, "PolicyCreated", 1L, "PolicyUpdated", 4L));
        assertThat(types).isEqualTo(new TreeMap<>(Map.of(A, a, B, b, PLATFORM, platformWide)));
    }

    private void aTenantAdminSeesOnlyItsOwnAuditTrail(List<JsonNode> audited) {
        List<JsonNode> own = http.allPages(aud("/audit/events?limit=25"), adminA);
        assertThat(ids(own)).containsExactlyInAnyOrderElementsOf(ids(ofTenant(audited, A)));
        http.get(aud("/audit/events?tenantId=" + B), adminA).expect(404);
        String eventOfB = ofTenant(audited, B).get(0).path("eventId").asText();
        http.get(aud("/audit/events/" + eventOfB), adminA).expect(404);
        http.get(aud("/audit/events/" + eventOfB), adminB).expect(200);
        http.get(aud("/audit/tenants/" + B + "/timeline"), adminA).expect(404);
        http.get(aud("/audit/tenants/" + B + "/compliance-report?framework=HIPAA"), adminA).expect(404);
        http.get(aud("/audit/verify"), adminA).expect(403);
        http.get(aud("/audit/events"), userB).expect(403);
    }

    private void timelinesTellEachTenantsStory(List<JsonNode> audited) {
        List<JsonNode> timelineA = http.allPages(aud("/audit/tenants/" + A + "/timeline?limit=20"), adminA);
        assertThat(ids(timelineA)).as("oldest first").containsExactlyElementsOf(ids(oldestFirst(ofTenant(audited, A))));
        assertThat(summaries(timelineA)).contains(
                "tenant northwind registered (ENTERPRISE) by local-platform-admin",
                "tenant northwind configuration changed (dataStorageQuotaGb) by local-platform-admin",
                "component etl-core 1.0.0 granted by local-platform-admin",
                "component etl-core 1.1.0 granted by local-platform-admin",
                "component etl-core 2.0.0 granted by local-platform-admin",
                "deployment " + firstDeployment + " of etl-core-1.1.0 to STAGING requested by local-tenant-admin",
                "deployment " + firstDeployment + " of etl-core-1.1.0 to STAGING succeeded",
                "deployment " + rolledBackDeployment + " of etl-core-2.0.0 to STAGING requested by local-tenant-admin",
                "deployment " + rolledBackDeployment + " rolled back: " + ROLLBACK_REASON,
                "key rotated succeeded by local-tenant-admin",
                "data decryption failed by local-tenant-admin");

        List<JsonNode> timelineB = http.allPages(aud("/audit/tenants/" + B + "/timeline?limit=20"), auditor);
        assertThat(ids(timelineB)).containsExactlyElementsOf(ids(oldestFirst(ofTenant(audited, B))));
        assertThat(summaries(timelineB)).contains(
                "tenant globex registered (BASIC) by local-platform-admin",
                "component etl-core 1.1.0 granted by local-platform-admin",
                "component pii-scanner 1.0.0 granted by local-platform-admin",
                "key rotated succeeded by local-platform-admin",
                "data decryption failed by local-tenant-user");
        assertThat(summaries(timelineB)).noneMatch(summary -> summary.startsWith("deployment"));
    }

    private void complianceReportsCountTheStory(List<JsonNode> audited) {
        JsonNode soc2 = report(adminA, A, "SOC2");
        assertThat(fieldNames(soc2.path("sections"))).containsExactly(
                "accessGrants", "lifecycleChanges", "deployments", "tenantConfigurationChanges", "policyChanges");
        assertThat(counts(soc2, "accessGrants")).isEqualTo(Map.of("granted", 3L));
        assertThat(counts(soc2, "lifecycleChanges")).isEqualTo(Map.of("toDEPRECATED", 1L, "toSUNSET", 1L));
        assertThat(counts(soc2, "deployments")).isEqualTo(Map.of("STAGING.SUCCEEDED", 1L, "STAGING.ROLLED_BACK", 1L));
        assertThat(counts(soc2, "tenantConfigurationChanges")).isEqualTo(Map.of("registered", 1L, "changed", 1L));
        // The platform's policy: created, A's access control, a classification, an encryption requirement (not B's access).
        assertThat(counts(soc2, "policyChanges")).isEqualTo(Map.of("changes", 4L));

        JsonNode pci = report(auditor, A, "PCI_DSS");
        assertThat(counts(pci, "encryptionOperations"))
                .isEqualTo(Map.of("encryptions", 2L, "decryptions", 3L, "decryptionsFailed", 1L, "rewraps", 1L));
        assertThat(counts(pci, "complianceConfigurationChanges")).isEqualTo(Map.of("changes", 1L));
        assertThat(counts(pci, "deployments")).isEqualTo(Map.of("STAGING.SUCCEEDED", 1L, "STAGING.ROLLED_BACK", 1L));

        JsonNode hipaa = report(adminB, B, "HIPAA");
        assertThat(counts(hipaa, "accessGrants")).isEqualTo(Map.of("granted", 2L));
        assertThat(counts(hipaa, "encryptionOperations"))
                .isEqualTo(Map.of("encryptions", 1L, "decryptions", 2L, "decryptionsFailed", 1L));
        assertThat(counts(hipaa, "complianceConfigurationChanges")).isEqualTo(Map.of("changes", 2L));
        assertThat(counts(hipaa, "policyChanges")).isEqualTo(Map.of("changes", 4L));

        StoryHttp.Answer csv = http.send("GET", aud("/audit/tenants/" + B + "/compliance-report?framework=GDPR"), auditor, null,
                "text/csv").expect(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csvCounts(csv.body())).isEqualTo(Map.of(
                "dataRetentionAndSubjects.changes", "2", // GDPR's retentionDays, HIPAA's auditRetentionYears
                "complianceConfigurationChanges.changes", "2",
                "encryptionOperations.encryptions", "1",
                "encryptionOperations.decryptions", "2",
                "encryptionOperations.decryptionsFailed", "1",
                "accessGrants.granted", "2",
                "tenantConfigurationChanges.registered", "1",
                "chainVerification.valid", "true",
                // The period (everything until now) holds the whole story: the chain is verified from its start.
                "chainVerification.checkedEntries", String.valueOf(audited.size())));
        assertThat(report(auditor, B, "GDPR").path("chainVerification").path("checkedEntries").asLong())
                .as("entries verified for B's GDPR report").isEqualTo(audited.size());
    }

    private JsonNode report(String token, String tenant, String framework) {
        JsonNode report = http.get(aud("/audit/tenants/" + tenant + "/compliance-report?framework=" + framework), token)
                .expect(200).json();
        assertThat(report.path("chainVerification").path("valid").asBoolean()).as(report.toString()).isTrue();
        return report;
    }

    private static Map<String, Long> counts(JsonNode report, String section) {
        return StoryHttp.JSON.convertValue(report.path("sections").path(section).path("counts"), COUNTS);
    }

    /** The {@code count} rows of a report's CSV, as section.name to value. */
    private static Map<String, String> csvCounts(String csv) {
        Map<String, String> counts = new HashMap<>();
        for (String line : csv.split("\r\n")) {
            String[] cells = line.split(",", -1);
            if (cells.length > 3 && cells[1].equals("count")) {
                counts.put(cells[0] + "." + cells[2], cells[3]);
            }
        }
        return counts;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String typeOf(JsonNode entry) {
        String type = entry.path("eventType").asText();
        return type.equals("SecurityEvent") ? type + ":" + entry.path("payload").path("eventKind").asText() : type;
    }

    private static List<JsonNode> ofTenant(List<JsonNode> entries, String tenant) {
        return entries.stream().filter(entry -> entry.path("tenantId").asText().equals(tenant)).toList();
    }

    private static List<JsonNode> oldestFirst(List<JsonNode> entries) {
        return entries.stream().sorted(Comparator.<JsonNode, Instant>comparing(entry -> Instant.parse(entry.path("occurredAt").asText()))
                .thenComparingLong(entry -> entry.path("sequence").asLong())).toList();
    }

    private static List<String> ids(List<JsonNode> entries) {
        return entries.stream().map(entry -> entry.path("eventId").asText()).toList();
    }

    private static List<String> summaries(List<JsonNode> timeline) {
        return timeline.stream().map(entry -> entry.path("summary").asText()).toList();
    }

    private void awaitPublished(String topic, int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.collect(Duration.ofMillis(200)).stream()
                .filter(event -> event.topic().equals(topic)).count()).isEqualTo(count));
    }

    // requests

    private static String tenantA(int storageQuotaGb) {
        return """
                {"tenantId": "northwind", "tenantName": "Northwind Analytics", "dataProcessingTier": "ENTERPRISE",
                 "maxConcurrentJobs": 3, "maxMonthlyProcessingHours": 500, "allowedDataEnvironments": ["DEVELOPMENT", "STAGING"],
                 "dataStorageQuotaGb": %d, "customDataProcessingLimits": {"maxRowsPerJob": 5000000}}""".formatted(storageQuotaGb);
    }

    private static String component(String id, String version, List<String> capabilities, List<String> formats,
            String clearance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("componentId", id);
        body.put("componentName", id.equals("etl-core") ? "ETL core" : "PII scanner");
        body.put("componentVersion", version);
        body.put("dataProcessingCapabilities", capabilities);
        body.put("supportedDataFormats", formats);
        body.put("resourceRequirements", Map.of("cpu", 1, "memory", "2Gi"));
        body.put("securityClearanceLevel", clearance);
        body.put("complianceCertifications", clearance.equals("restricted") ? List.of("HIPAA", "GDPR") : List.of("SOC2"));
        body.put("dependencies", List.of());
        // the only image a deployment of it may run (issue 11), any tag
        body.put("containerImages", List.of("registry.example.com/data/" + id));
        return json(body);
    }

    private static String deployment(String version, String environment, int scaleDownDelaySeconds) {
        return """
                {"componentId": "etl-core", "componentVersion": "%s", "environment": "%s",
                 "container": {"imageName": "registry.example.com/data/etl-core", "imageTag": "%s", "containerName": "%s",
                               "cpuCores": 0.5, "memoryGb": 1.0, "scalingMetrics": ["cpu"]},
                 "validation": {"readinessTimeoutSeconds": 60, "scaleDownDelaySeconds": %d}}"""
                .formatted(version, environment, version, CONTAINER, scaleDownDelaySeconds);
    }

    private static String json(Object value) {
        try {
            return StoryHttp.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reg(String path) {
        return url("MDP_REGISTRY_SERVICE_PORT", path);
    }

    private static String dep(String path) {
        return url("MDP_DEPLOYMENT_SERVICE_PORT", path);
    }

    private static String sec(String path) {
        return url("MDP_SECURITY_SERVICE_PORT", path);
    }

    private static String aud(String path) {
        return url("MDP_AUDIT_SERVICE_PORT", path);
    }

    private static String cluster(String path) {
        return platform.emulatedClusterUrl().replaceAll("/$", "") + path;
    }

    private static String url(String portVariable, String path) {
        return "http://127.0.0.1:" + platform.env(portVariable) + path;
    }
}
