package io.modulardata.deployment.rollout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modulardata.deployment.support.RegistryEventsPublisher;
import io.modulardata.deployment.support.TestController;
import io.modulardata.events.DataEnvironment;
import io.modulardata.infra.testing.EventProbe;
import io.modulardata.infra.testing.JwtTestResource;
import io.modulardata.infra.testing.LocalStackTestResource;
import io.modulardata.infra.testing.RecordedEvent;
import io.modulardata.infra.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;

/** Blue-green rollouts against the fabric8 mock API server (CRUD mode) with a test controller for readiness. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class RolloutExecutorTest {

    private static RegistryEventsPublisher registry;

    @Inject
    KubernetesClient client;

    @Inject
    io.modulardata.deployment.tenancy.RegistryFacts facts;

    @Inject
    io.modulardata.kit.command.CommandRunner commands;

    @Inject
    io.modulardata.kit.command.EventRecorder recorder;

    private TestController controller;
    private EventProbe probe;
    private String tenant;
    private String component;

    @BeforeAll
    static void connect() {
        registry = new RegistryEventsPublisher();
    }

    @AfterAll
    static void disconnect() {
        registry.close();
    }

    @BeforeEach
    void setUp() {
        controller = new TestController(client);
        var config = ConfigProvider.getConfig();
        probe = new EventProbe(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class), List.of("deployment-events"));
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        component = "etl-" + UUID.randomUUID().toString().substring(0, 8);
        registry.publish(registry.tenantRegistered(tenant, 3, List.of(DataEnvironment.STAGING)));
        registry.publish(registry.componentRegistered(component, "1.0.0"));
        registry.publish(registry.granted(tenant, component, "1.0.0", 2));
        // deploys are checked against what the service learnt from registry-events: wait until it knows the grant
        await().atMost(Duration.ofSeconds(30)).until(this::grantKnown);
    }

    private boolean grantKnown() {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() ->
                    io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> facts.isGranted(tenant, component + "-1.0.0")));
        } catch (Throwable e) {
            return false;
        }
    }

    @AfterEach
    void tearDown() {
        controller.close();
        probe.close();
    }

    private Map<String, Object> body(String imageTag, int readinessTimeout, int scaleDownDelay) {
        return Map.of("componentId", component, "componentVersion", "1.0.0", "environment", "STAGING",
                "container", Map.of("imageName", "registry.example.com/data/etl", "imageTag", imageTag, "containerName", "etl",
                        "cpuCores", 0.5, "memoryGb", 4.0, "minReplicas", 2, "maxReplicas", 6,
                        "scalingMetrics", List.of("cpu", "data_throughput")),
                "validation", Map.of("readinessTimeoutSeconds", readinessTimeout, "scaleDownDelaySeconds", scaleDownDelay));
    }

    private String deploy(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType(ContentType.JSON).body(body)
                .post("/tenants/" + tenant + "/deployments").then().statusCode(202).extract().path("deploymentId");
    }

    private void awaitStatus(String deploymentId, String status) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().auth().oauth2(TestTokens.platformAdmin())
                .get("/deployments/" + deploymentId).then().statusCode(200).body("status", equalTo(status)));
    }

    private String ns() {
        return "data-tenant-" + tenant;
    }

    private io.fabric8.kubernetes.api.model.apps.Deployment deployment(String slot) {
        return client.apps().deployments().inNamespace(ns()).withName("data-processing-" + tenant + "-etl-" + slot).get();
    }

    private Map<String, String> serviceSelector() {
        return client.services().inNamespace(ns()).withName("data-processing-" + tenant + "-etl").get().getSpec().getSelector();
    }

    private List<String> eventsOf(String deploymentId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.collect(Duration.ofMillis(300)).stream()
                .filter(e -> deploymentId.equals(e.field("deploymentId"))).count() >= count);
        return probe.collect(Duration.ofMillis(100)).stream().filter(e -> deploymentId.equals(e.field("deploymentId")))
                .map(e -> e.type().replace("io.modulardata.events.", "")
                        + (e.value().getSchema().getField("phase") == null ? "" : ":" + e.field("phase"))).toList();
    }

    @Test
    void firstDeploymentGoesLiveOnBlueWithTheExactObjects() {
        String first = deploy(body("1", 10, 0));
        awaitStatus(first, "DEPLOYED");

        assertThat(client.namespaces().withName(ns()).get()).isNotNull();
        assertThat(client.serviceAccounts().inNamespace(ns()).withName("data-processing-" + tenant).get()).isNotNull();
        var blue = deployment("blue");
        assertThat(blue.getMetadata().getLabels()).containsEntry("app", "data-processing").containsEntry("tenant", tenant)
                .containsEntry("component", component).containsEntry("data-workload", "true").containsEntry("slot", "blue");
        var container = blue.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.com/data/etl:1");
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("4Gi")).containsEntry("ephemeral-storage", new Quantity("20Gi"));
        assertThat(container.getResources().getLimits()).containsEntry("cpu", new Quantity("750m"))
                .containsEntry("memory", new Quantity("4.8Gi"));
        assertThat(blue.getSpec().getReplicas()).isEqualTo(2);
        assertThat(serviceSelector()).containsEntry("slot", "blue");
        var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns())
                .withName("data-processing-" + tenant + "-etl-hpa").get();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("data-processing-" + tenant + "-etl-blue");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Resource", "Pods");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        assertThat(hpa.getSpec().getMetrics().get(1).getPods().getTarget().getAverageValue()).isEqualTo(new Quantity("100"));
        assertThat(deployment("green")).isNull();
    }

    @Test
    void everyStepOfARolloutCarriesTheCorrelationIdOfTheCallThatRequestedIt() {
        String correlationId = "deploy-" + UUID.randomUUID();
        String deploymentId = given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType(ContentType.JSON)
                .header("X-Correlation-Id", correlationId).body(body("1", 10, 0))
                .post("/tenants/" + tenant + "/deployments").then().statusCode(202).extract().path("deploymentId");
        awaitStatus(deploymentId, "DEPLOYED");

        List<String> events = eventsOf(deploymentId, 6);
        assertThat(events).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentPhaseCompleted:GREEN_VALIDATED", "DeploymentPhaseCompleted:TRAFFIC_SWITCHED",
                "DeploymentPhaseCompleted:BLUE_CLEANED_UP", "DeploymentSucceeded");
        assertThat(probe.collect(Duration.ofMillis(100)).stream().filter(e -> deploymentId.equals(e.field("deploymentId"))))
                .extracting(e -> e.field("correlationId")).containsOnly(correlationId);
    }

    @Test
    void switchesTrafficToGreenOnlyAfterItIsReadyThenRemovesBlue() {
        String first = deploy(body("1", 10, 0));
        awaitStatus(first, "DEPLOYED");
        String second = deploy(body("2", 10, 0));
        awaitStatus(second, "DEPLOYED");

        assertThat(deployment("blue")).isNull();
        assertThat(deployment("green").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/data/etl:2");
        assertThat(serviceSelector()).containsEntry("slot", "green");
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns())
                .withName("data-processing-" + tenant + "-etl-hpa").get().getSpec().getScaleTargetRef().getName())
                .isEqualTo("data-processing-" + tenant + "-etl-green");
        given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + second).then()
                .body("phases.phase", equalTo(List.of("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP")))
                .body("previousDeploymentId", equalTo(first));
        given().auth().oauth2(TestTokens.tenantUser(tenant)).get("/tenants/" + tenant + "/metrics").then().statusCode(200)
                .body("activeJobs", equalTo(1)).body("jobsCompleted", equalTo(2)).body("jobsFailed", equalTo(0))
                .body("totalProcessingHours", org.hamcrest.Matchers.greaterThan(0f))
                .body("lastActivity", org.hamcrest.Matchers.notNullValue());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("tenant_jobs_completed{tenant=\"" + tenant + "\"} 2.0"))
                .body(org.hamcrest.Matchers.containsString("tenant_active_jobs{tenant=\"" + tenant + "\"} 1.0")));
        assertThat(eventsOf(second, 6)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentPhaseCompleted:GREEN_VALIDATED", "DeploymentPhaseCompleted:TRAFFIC_SWITCHED",
                "DeploymentPhaseCompleted:BLUE_CLEANED_UP", "DeploymentSucceeded");
    }

    @Test
    void switchesTrafficOnlyAfterASlowGreenIsReady() {
        String first = deploy(body("1", 10, 0));
        awaitStatus(first, "DEPLOYED");
        java.time.Instant readyAt = java.time.Instant.now().plusSeconds(6);
        controller.slow("data-processing-" + tenant + "-etl-green", readyAt);
        String second = deploy(body("2", 20, 0));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deployment("green")).isNotNull());
        // green exists but is not ready yet: blue keeps the traffic
        assertThat(java.time.Instant.now()).isBefore(readyAt);
        assertThat(serviceSelector()).containsEntry("slot", "blue");
        awaitStatus(second, "DEPLOYED");

        var phases = given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + second).then().statusCode(200)
                .extract().jsonPath();
        assertThat(phases.getList("phases.phase")).containsExactly("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP");
        java.time.Instant validated = java.time.Instant.parse(phases.getString("phases[1].completedAt"));
        java.time.Instant switched = java.time.Instant.parse(phases.getString("phases[2].completedAt"));
        assertThat(validated).isAfterOrEqualTo(readyAt);
        assertThat(switched).isAfterOrEqualTo(validated);
        assertThat(serviceSelector()).containsEntry("slot", "green");
    }

    @Test
    void greenThatNeverGetsReadyFailsAndBlueKeepsServing() {
        String first = deploy(body("1", 10, 0));
        awaitStatus(first, "DEPLOYED");
        controller.neverReady("data-processing-" + tenant + "-etl-green");
        String second = deploy(body("2", 2, 0));
        awaitStatus(second, "FAILED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deployment("green")).isNull());
        assertThat(deployment("blue")).isNotNull();
        assertThat(serviceSelector()).containsEntry("slot", "blue");
        given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + second).then()
                .body("error", org.hamcrest.Matchers.containsString("not ready within 2 s"));
        given().auth().oauth2(TestTokens.tenantUser(tenant)).get("/tenants/" + tenant + "/metrics").then().statusCode(200)
                .body("activeJobs", equalTo(1)).body("jobsCompleted", equalTo(1)).body("jobsFailed", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("tenant_jobs_failed{tenant=\"" + tenant + "\"} 1.0"))
                .body(org.hamcrest.Matchers.containsString("tenant_jobs_completed{tenant=\"" + tenant + "\"} 1.0"))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*tenant_processing_hours\\{tenant=\"" + tenant + "\"} [0-9.E-]+\n.*")));
        assertThat(eventsOf(second, 3)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentFailed");
    }

    @Test
    void rollsBackToBlueWhileItIsStillKept() {
        String first = deploy(body("1", 10, 0));
        awaitStatus(first, "DEPLOYED");
        String second = deploy(body("2", 10, 120));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(serviceSelector()).containsEntry("slot", "green"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(TestTokens.platformAdmin())
                .get("/deployments/" + second).then().body("phases.size()", equalTo(3)));

        given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType(ContentType.JSON).body(Map.of("reason", "bad numbers"))
                .post("/deployments/" + second + "/rollback").then().statusCode(200).body("status", equalTo("ROLLED_BACK"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(serviceSelector()).containsEntry("slot", "blue");
            assertThat(deployment("green")).isNull();
        });
        assertThat(deployment("blue")).isNotNull();
        assertThat(eventsOf(second, 5)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentPhaseCompleted:GREEN_VALIDATED", "DeploymentPhaseCompleted:TRAFFIC_SWITCHED", "DeploymentRolledBack");
        // the first deployment is live again: a new rollout targets green once more
        String third = deploy(body("3", 10, 0));
        given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + third).then().body("targetSlot", equalTo("GREEN"));
    }

    /**
     * Deployments, phases and tenant metrics are projections of this service's own event log: rebuilding
     * them from it changes no answer. The registry knowledge is not in that log and is kept.
     */
    @Test
    void rebuildingTheReadModelsFromTheLogChangesNoAnswer() {
        String first = deploy(body("1", 10, 0));
        awaitStatus(first, "DEPLOYED");
        String green = "data-processing-" + tenant + "-etl-green";
        controller.neverReady(green);
        String failed = deploy(body("2", 1, 0));
        awaitStatus(failed, "FAILED");
        controller.ready(green);
        String rolledBack = deploy(body("3", 10, 120));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.platformAdmin())
                .get("/deployments/" + rolledBack).then().body("phases.size()", equalTo(3)));
        given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType(ContentType.JSON).body(Map.of("reason", "bad numbers"))
                .post("/deployments/" + rolledBack + "/rollback").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deployment("green")).isNull());
        List<String> ids = List.of(first, failed, rolledBack);

        ApiAnswers before = ApiAnswers.of(tenant, ids);
        long replayed = given().auth().oauth2(TestTokens.platformAdmin()).post("/admin/read-models/rebuild").then().statusCode(200)
                .extract().jsonPath().getLong("eventsReplayed");
        ApiAnswers after = ApiAnswers.of(tenant, ids);

        assertThat(replayed).isGreaterThanOrEqualTo(6 + 3 + 5);
        assertThat(after.deployments()).isEqualTo(before.deployments());
        assertThat(after.history()).isEqualTo(before.history());
        assertThat(after.metrics()).isEqualTo(before.metrics());
        // live time keeps growing between the two reads, by less than the time they took
        assertThat(after.processingHours()).isCloseTo(before.processingHours(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(before.history()).contains("\"status\":\"DEPLOYED\"", "\"status\":\"FAILED\"", "\"status\":\"ROLLED_BACK\"");
        // compensation runs again on the rebuilt rows (they start uncompensated) and is idempotent
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(serviceSelector()).containsEntry("slot", "blue");
            assertThat(deployment("blue")).isNotNull();
            assertThat(deployment("green")).isNull();
        });
        // the registry knowledge was kept: the tenant may still deploy its granted component
        deploy(body("4", 10, 0));
        given().auth().oauth2(TestTokens.tenantAdmin(tenant)).post("/admin/read-models/rebuild").then().statusCode(403);
        given().post("/admin/read-models/rebuild").then().statusCode(401);
    }

    /** What the API answers about one tenant's deployments; processing hours apart, as they grow with time. */
    record ApiAnswers(List<String> deployments, String history, Map<String, Object> metrics, double processingHours) {
        static ApiAnswers of(String tenant, List<String> deploymentIds) {
            var admin = given().auth().oauth2(TestTokens.platformAdmin());
            List<String> deployments = deploymentIds.stream()
                    .map(id -> given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + id).then().statusCode(200)
                            .extract().asString()).toList();
            String history = admin.get("/tenants/" + tenant + "/deployments").then().statusCode(200).extract().asString();
            Map<String, Object> metrics = new java.util.HashMap<>(given().auth().oauth2(TestTokens.platformAdmin())
                    .get("/tenants/" + tenant + "/metrics").then().statusCode(200).extract().jsonPath().getMap("$"));
            double hours = ((Number) metrics.remove("totalProcessingHours")).doubleValue();
            return new ApiAnswers(deployments, history, metrics, hours);
        }
    }

    /**
     * A service killed after {@code phasesDone} phases of a rollout (its events committed, the cluster
     * left as that instance left it) is resumed from the event-sourced state by the next one.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2, 3})
    void resumesARolloutKilledInAnyPhase(int phasesDone) throws Throwable {
        String first = deploy(body("1", 10, 0));
        awaitStatus(first, "DEPLOYED");
        var spec = io.modulardata.deployment.deployment.DeploymentValidator.validate(tenant, new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(body("2", 10, 0), io.modulardata.deployment.deployment.DeploymentRequest.class));
        String second = UUID.randomUUID().toString();
        var context = new io.modulardata.kit.command.CommandContext("killed-instance", "resume-test");
        java.util.List<org.apache.avro.specific.SpecificRecordBase> events = new java.util.ArrayList<>();
        events.add(Rollout.request(tenant, second, spec, java.util.Optional.of(io.modulardata.events.DeploymentSlot.BLUE),
                java.util.Optional.of(first), List.of(), context));
        var phases = List.of(io.modulardata.events.DeploymentPhase.GREEN_DEPLOYED, io.modulardata.events.DeploymentPhase.GREEN_VALIDATED,
                io.modulardata.events.DeploymentPhase.TRAFFIC_SWITCHED);
        for (int i = 0; i < phasesDone; i++) {
            events.addAll(Rollout.replay(events).complete(phases.get(i), Map.of(), context));
        }
        // what the killed instance had done in the cluster
        if (phasesDone >= 1) {
            client.resource(io.modulardata.deployment.manifest.ManifestRenderer.deployment(tenant, component, spec.container(),
                    io.modulardata.events.DeploymentSlot.GREEN)).create();
        }
        if (phasesDone >= 3) {
            new ClusterOperations(client).routeTo(tenant, component, "etl", io.modulardata.events.DeploymentSlot.GREEN);
        }
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> commands.inTransaction(() ->
                recorder.record(Rollout.AGGREGATE_TYPE, 0, events)));

        awaitStatus(second, "DEPLOYED");
        assertThat(deployment("blue")).isNull();
        assertThat(deployment("green")).isNotNull();
        assertThat(serviceSelector()).containsEntry("slot", "green");
        given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + second).then()
                .body("phases.phase", equalTo(List.of("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP")));
    }

    /** Killed after recording a rollback but before putting the cluster back: the next instance compensates. */
    @Test
    void compensatesARollbackRecordedBeforeTheKill() throws Throwable {
        String first = deploy(body("1", 10, 0));
        awaitStatus(first, "DEPLOYED");
        var spec = io.modulardata.deployment.deployment.DeploymentValidator.validate(tenant, new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(body("2", 10, 120), io.modulardata.deployment.deployment.DeploymentRequest.class));
        String second = UUID.randomUUID().toString();
        var context = new io.modulardata.kit.command.CommandContext("killed-instance", "resume-test");
        java.util.List<org.apache.avro.specific.SpecificRecordBase> events = new java.util.ArrayList<>();
        events.add(Rollout.request(tenant, second, spec, java.util.Optional.of(io.modulardata.events.DeploymentSlot.BLUE),
                java.util.Optional.of(first), List.of(), context));
        for (var phase : List.of(io.modulardata.events.DeploymentPhase.GREEN_DEPLOYED, io.modulardata.events.DeploymentPhase.GREEN_VALIDATED,
                io.modulardata.events.DeploymentPhase.TRAFFIC_SWITCHED)) {
            events.addAll(Rollout.replay(events).complete(phase, Map.of(), context));
        }
        events.add(Rollout.replay(events).rollBack("operator", java.time.Instant.now(), context));
        client.resource(io.modulardata.deployment.manifest.ManifestRenderer.deployment(tenant, component, spec.container(),
                io.modulardata.events.DeploymentSlot.GREEN)).create();
        new ClusterOperations(client).routeTo(tenant, component, "etl", io.modulardata.events.DeploymentSlot.GREEN);
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> commands.inTransaction(() ->
                recorder.record(Rollout.AGGREGATE_TYPE, 0, events)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(serviceSelector()).containsEntry("slot", "blue");
            assertThat(deployment("green")).isNull();
        });
        assertThat(deployment("blue")).isNotNull();
    }
}
