package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.events.Topics;
import io.modulardata.kubernetes.NeverReadyImage;
import io.modulardata.kubernetes.RefusedImage;
import io.modulardata.infra.stack.FreePorts;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.RecordedEvent;

/**
 * kill -9 of deployment-service in each phase of a blue-green rollout against the Kubernetes API
 * emulation of {@code infra/platform up}: while green awaits readiness, while a green that never gets ready
 * (its image tagged {@value NeverReadyImage#TAG}) awaits its readiness timeout, while the old version awaits
 * its scale-down delay, and with a rollback accepted but not yet carried out. After a restart the rollout ends as the
 * state machine says, deployment-events carries each phase once and in order, and the cluster holds
 * only the live slot's Deployment with the Service (and the autoscaler) on that slot. Besides the kills: a green the
 * cluster keeps refusing (its image tagged {@value RefusedImage#TAG}) fails its rollout after the bounded step retry
 * while another tenant's rollout completes.
 */
class DeploymentKilledPerPhaseIT {

    private static final String TENANT = "phases";
    /** A second tenant, whose rollout must not wait behind the first one's failing step. */
    private static final String BYSTANDER = "phases-bystander";
    /**
     * How long a step that keeps failing is retried before the rollout ends FAILED: longer than a whole
     * rollout of the bystander takes (green ready after READY_DELAY, then switch and clean-up), so that
     * one completes while the other is still being retried.
     */
    private static final Duration STEP_RETRY_TIMEOUT = Duration.ofSeconds(20);
    /** Long enough that a kill right after GREEN_DEPLOYED lands before green is ready. */
    private static final Duration READY_DELAY = Duration.ofSeconds(5);
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofSeconds(90);
    /** The rollouts that succeed never wait this long for green. */
    private static final int READINESS_TIMEOUT_SECONDS = 300;
    /**
     * Long enough that a kill right after GREEN_DEPLOYED lands before the timeout runs out, short enough
     * that the never-ready rollout fails soon after the restart.
     */
    private static final int NEVER_READY_TIMEOUT_SECONDS = 8;
    private static final String REQUESTED = RolloutHistory.REQUESTED;
    private static final String SUCCEEDED = RolloutHistory.SUCCEEDED;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PlatformProcess platform;
    private static String admin;
    private static String kubernetesUrl;
    private static ClusterView cluster;
    private static EventProbe events;
    private static ServiceProcess registry;
    private static volatile ServiceProcess deployment;
    private static final List<ServiceProcess> STARTED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startPlatform() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "phases-");
        int kubernetesPort = FreePorts.pick();
        platform = PlatformProcess.start(dataDir, Map.of("MDP_KUBERNETES_PORT", String.valueOf(kubernetesPort),
                "MDP_KUBERNETES_READY_DELAY", READY_DELAY.toSeconds() + "s"), "--no-services");
        admin = platform.token("platform-admin");
        kubernetesUrl = "http://127.0.0.1:" + kubernetesPort;
        cluster = new ClusterView(kubernetesUrl);
        // One after the other: registry-service registers the event schemas in the fresh registry first.
        registry = start("registry-service", Map.of());
        deployment = startDeploymentService();
        events = new EventProbe(platform.kafkaBootstrapServers(), platform.registryUrl(), List.of(Topics.DEPLOYMENT_EVENTS));
        registerTenantAndComponents();

        // Three of the rollouts killed below replace a live version: deploy those side by side first.
        List<String> bases = List.of(deploy("scale", "1.0.0", 0), deploy("back", "1.0.0", 0), deploy("fail", "1.0.0", 0),
                deploy("refuse", "1.0.0", 0));
        for (String base : bases) {
            assertThat(awaitEnd(base).type()).endsWith(SUCCEEDED);
        }
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (ServiceProcess service : STARTED) {
            service.close();
        }
        if (events != null) {
            events.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void killedWhileGreenAwaitsReadinessFinishesTheRollout() throws Exception {
        String id = deploy("ready", "1.0.0", 0);
        awaitPhase(id, "GREEN_DEPLOYED");
        Instant killed = killDeploymentService();
        // A first deployment goes to the blue slot; it exists but is not ready yet.
        assertThat(cluster.deployedSlots(TENANT, "ready")).containsExactly("blue");

        deployment = startDeploymentService();

        assertThat(awaitEnd(id).type()).endsWith(SUCCEEDED);
        assertThat(occurredAt(awaitPhase(id, "GREEN_VALIDATED"))).as("validated after the kill").isAfter(killed);
        assertThat(history(id)).containsExactly(REQUESTED, "GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED",
                "BLUE_CLEANED_UP", SUCCEEDED);
        assertThat(status(id)).isEqualTo("DEPLOYED");
        assertOnlyLive("ready", "blue");
    }

    @Test
    void killedWhileANeverReadyGreenAwaitsReadinessFailsTheRollout() throws Exception {
        String id = deploy("fail", "1.1.0", NeverReadyImage.TAG, NEVER_READY_TIMEOUT_SECONDS, 0);
        awaitPhase(id, "GREEN_DEPLOYED");
        Instant killed = killDeploymentService();
        // Green exists beside the live blue, which the Service still selects.
        assertThat(cluster.deployedSlots(TENANT, "fail")).containsExactly("blue", "green");
        assertThat(cluster.servedSlot(TENANT, "fail")).contains("blue");

        deployment = startDeploymentService();

        RecordedEvent end = awaitEnd(id);
        assertThat(end.type()).endsWith("DeploymentFailed");
        assertThat(end.field("failedPhase")).isEqualTo("GREEN_VALIDATED");
        assertThat(occurredAt(end)).as("failed after the kill").isAfter(killed);
        assertThat(history(id)).containsExactly(REQUESTED, "GREEN_DEPLOYED", "DeploymentFailed");
        assertThat(status(id)).isEqualTo("FAILED");
        // Green is deleted before the failure is recorded: blue alone is left, untouched and serving.
        assertOnlyLive("fail", "blue");
    }

    @Test
    void killedWhileTheOldVersionAwaitsItsScaleDownFinishesTheRollout() throws Exception {
        String id = deploy("scale", "1.1.0", 10);
        awaitPhase(id, "TRAFFIC_SWITCHED");
        Instant killed = killDeploymentService();
        // Traffic is on green, blue is still kept for the scale-down delay.
        assertThat(cluster.deployedSlots(TENANT, "scale")).containsExactly("blue", "green");
        assertThat(cluster.servedSlot(TENANT, "scale")).contains("green");

        deployment = startDeploymentService();

        assertThat(awaitEnd(id).type()).endsWith(SUCCEEDED);
        assertThat(occurredAt(awaitPhase(id, "BLUE_CLEANED_UP"))).as("cleaned up after the kill").isAfter(killed);
        assertThat(history(id)).containsExactly(REQUESTED, "GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED",
                "BLUE_CLEANED_UP", SUCCEEDED);
        assertThat(status(id)).isEqualTo("DEPLOYED");
        assertOnlyLive("scale", "green");
    }

    @Test
    void killedDuringARollbackRestoresThePreviousVersion() throws Exception {
        String id = deploy("back", "1.1.0", 120);
        awaitPhase(id, "TRAFFIC_SWITCHED");
        // The rollback is accepted by an instance whose executor is off (modulardata.rollout.enabled=false),
        // so its cleanup is certainly still pending when that instance is killed.
        killDeploymentService();
        deployment = startDeploymentService(Map.of("MDP_ROLLOUT_ENABLED", "false"));
        HttpResponse<String> rollback = deployment.send("POST", "/deployments/" + id + "/rollback", admin,
                "{\"reason\": \"fault test\"}", null);
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("ROLLED_BACK");
        killDeploymentService();
        // Killed with the rollback recorded and its cleanup pending: green is still there and still serving.
        assertThat(cluster.deployedSlots(TENANT, "back")).containsExactly("blue", "green");
        assertThat(cluster.servedSlot(TENANT, "back")).contains("green");

        deployment = startDeploymentService();

        await().atMost(ROLLOUT_TIMEOUT).untilAsserted(() -> assertOnlyLive("back", "blue"));
        assertThat(awaitEnd(id).type()).endsWith("DeploymentRolledBack");
        assertThat(history(id)).containsExactly(REQUESTED, "GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED",
                "DeploymentRolledBack");
        assertThat(status(id)).isEqualTo("ROLLED_BACK");
    }

    @Test
    void aGreenTheClusterKeepsRefusingFailsItsRolloutWithoutDelayingAnotherTenant() throws Exception {
        String refused = deploy("refuse", "1.1.0", RefusedImage.TAG, READINESS_TIMEOUT_SECONDS, 0);
        // Started after the refused one, on the same executor: it must not wait for the refused step's retries.
        String other = deploy(BYSTANDER, "ready", "1.0.0", "1.0.0", READINESS_TIMEOUT_SECONDS, 0);

        RecordedEvent otherEnd = awaitEnd(other);
        RecordedEvent failed = awaitEnd(refused);
        assertThat(otherEnd.type()).endsWith(SUCCEEDED);
        assertThat(status(other)).isEqualTo("DEPLOYED");
        assertThat(occurredAt(otherEnd)).as("the other tenant's rollout completed while the refused one was retried")
                .isBefore(occurredAt(failed));

        assertThat(failed.type()).endsWith("DeploymentFailed");
        assertThat(failed.field("failedPhase")).isEqualTo("GREEN_DEPLOYED");
        assertThat(failed.field("reason")).as("the cluster's reason").contains("admission webhook", "denied the request");
        assertThat(history(refused)).containsExactly(REQUESTED, "DeploymentFailed");
        assertThat(status(refused)).isEqualTo("FAILED");
        // Compensated: no green, the previous version untouched and serving.
        await().atMost(ROLLOUT_TIMEOUT).untilAsserted(() -> assertOnlyLive("refuse", "blue"));
        assertOnlyLive(BYSTANDER, "ready", "blue");
    }

    /** Only the live slot's Deployment is left, and the Service and the autoscaler point at it. */
    private static void assertOnlyLive(String container, String slot) {
        assertOnlyLive(TENANT, container, slot);
    }

    private static void assertOnlyLive(String tenant, String container, String slot) {
        assertThat(cluster.deployedSlots(tenant, container)).containsExactly(slot);
        assertThat(cluster.servedSlot(tenant, container)).contains(slot);
        assertThat(cluster.scaledDeployment(tenant, container)).contains(ClusterView.deploymentName(tenant, container, slot));
    }

    private static Instant killDeploymentService() throws InterruptedException {
        deployment.kill();
        return Instant.now();
    }

    private static ServiceProcess startDeploymentService() {
        return startDeploymentService(Map.of());
    }

    private static ServiceProcess startDeploymentService(Map<String, String> extra) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", kubernetesUrl,
                "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true", "MDP_ROLLOUT_STEP_RETRY_TIMEOUT", STEP_RETRY_TIMEOUT.toSeconds() + "s"));
        settings.putAll(extra);
        return start("deployment-service", settings);
    }

    private static ServiceProcess start(String service, Map<String, String> settings) {
        try {
            ServiceProcess started = ServiceProcess.start(platform, service, service.replace("-service", ""), settings);
            STARTED.add(started);
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start " + service, e);
        }
    }

    private static void registerTenantAndComponents() throws Exception {
        expect(201, registry.post("/tenants", admin, """
                {"tenantId": "%s", "tenantName": "Phase faults", "dataProcessingTier": "PROFESSIONAL",
                 "maxConcurrentJobs": 5, "allowedDataEnvironments": ["STAGING"]}""".formatted(TENANT)));
        expect(201, registry.post("/tenants", admin, """
                {"tenantId": "%s", "tenantName": "Phase bystander", "dataProcessingTier": "PROFESSIONAL",
                 "maxConcurrentJobs": 5, "allowedDataEnvironments": ["STAGING"]}""".formatted(BYSTANDER)));
        for (String component : List.of("ready", "scale", "back", "fail", "refuse")) {
            for (String version : List.of("1.0.0", "1.1.0")) {
                expect(201, registry.post("/components", admin, """
                        {"componentId": "%s", "componentName": "Phase %s", "componentVersion": "%s",
                         "dataProcessingCapabilities": ["transform"], "supportedDataFormats": ["csv"],
                         "resourceRequirements": {"cpu": 1, "memory": "1Gi"}, "securityClearanceLevel": "internal",
                         "complianceCertifications": ["SOC2"], "dependencies": [],
                         "containerImages": ["registry.example.com/data/%s"]}""".formatted(component, component, version, component)));
                expect(201, registry.send("PUT", "/tenants/" + TENANT + "/grants/" + component + "-" + version, admin, null, null));
            }
        }
        expect(201, registry.send("PUT", "/tenants/" + BYSTANDER + "/grants/ready-1.0.0", admin, null, null));
    }

    /** Requests a rollout of the image tagged with the version; returns its id. */
    private static String deploy(String component, String version, int scaleDownDelaySeconds) {
        return deploy(component, version, version, READINESS_TIMEOUT_SECONDS, scaleDownDelaySeconds);
    }

    /**
     * Requests a rollout; returns its id. deployment-service learns tenants and grants from registry-events,
     * so until it has read them it refuses (404 tenant, 403 not granted) and nothing is written: retry.
     */
    private static String deploy(String component, String version, String imageTag, int readinessTimeoutSeconds,
            int scaleDownDelaySeconds) {
        return deploy(TENANT, component, version, imageTag, readinessTimeoutSeconds, scaleDownDelaySeconds);
    }

    private static String deploy(String tenant, String component, String version, String imageTag, int readinessTimeoutSeconds,
            int scaleDownDelaySeconds) {
        String body = """
                {"componentId": "%s", "componentVersion": "%s", "environment": "STAGING",
                 "container": {"imageName": "registry.example.com/data/%s", "imageTag": "%s", "containerName": "%s",
                               "cpuCores": 0.5, "memoryGb": 1.0, "minReplicas": 1, "maxReplicas": 2},
                 "validation": {"readinessTimeoutSeconds": %d, "scaleDownDelaySeconds": %d}}"""
                .formatted(component, version, component, imageTag, component, readinessTimeoutSeconds, scaleDownDelaySeconds);
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> response = deployment.post("/tenants/" + tenant + "/deployments", admin, body);
            assertThat(response.statusCode()).as(response.body()).isIn(202, 403, 404);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            id[0] = JSON.readTree(response.body()).path("deploymentId").asText();
        });
        return id[0];
    }

    private static RecordedEvent awaitPhase(String id, String phase) {
        return events.await(event -> id.equals(event.field("aggregateId")) && phase.equals(RolloutHistory.phase(event)),
                ROLLOUT_TIMEOUT);
    }

    private static RecordedEvent awaitEnd(String id) {
        return events.await(event -> RolloutHistory.endsRollout(event, id), ROLLOUT_TIMEOUT);
    }

    private static List<String> history(String id) {
        return RolloutHistory.of(events, id);
    }

    private static String status(String id) throws Exception {
        HttpResponse<String> response = deployment.get("/deployments/" + id, admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("status").asText();
    }

    /** timestamp-millis, read without logical-type conversion: epoch milliseconds. */
    private static Instant occurredAt(RecordedEvent event) {
        Object value = event.value().get("occurredAt");
        return value instanceof Instant instant ? instant : Instant.ofEpochMilli(((Number) value).longValue());
    }

    private static void expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }
}
