package io.modulardata.deployment.rollout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.modulardata.deployment.cluster.InstanceName;
import io.modulardata.deployment.deploy.DeploymentEnvironments;
import io.modulardata.deployment.deploy.DeploymentRequest;
import io.modulardata.deployment.deploy.DeploymentValidator;
import io.modulardata.deployment.manifest.ManifestRenderer;
import io.modulardata.deployment.manifest.NamespacePolicies;
import io.modulardata.events.DeploymentPhase;
import io.modulardata.events.DeploymentSlot;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.kit.command.CommandContext;
import io.modulardata.kit.command.CommandRunner;
import io.modulardata.kit.command.EventRecorder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/** Blue-green rollouts against the fabric8 mock API server (CRUD mode) with a test controller for readiness. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class RolloutExecutorTest extends RolloutTestBase {

    @Inject
    CommandRunner commands;

    @Inject
    EventRecorder recorder;

    @Inject
    DeploymentEnvironments environments;

    @Inject
    InstanceName instance;

    @KubernetesTestServer
    KubernetesServer apiServer;

    /** Issue 15: with replicas, the cluster's audit log tells which instance wrote an object. */
    @Test
    void everyWriteToTheClusterNamesThisInstanceInItsUserAgent() throws InterruptedException {
        var requests = apiServer.getKubernetesMockServer();
        while (requests.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // what was asked before now
        }
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");

        List<String> writers = new ArrayList<>();
        for (var request = requests.takeRequest(10, TimeUnit.MILLISECONDS); request != null;
                request = requests.takeRequest(10, TimeUnit.MILLISECONDS)) {
            if (!"GET".equals(request.getMethod())) {
                writers.add(request.getHeader("User-Agent"));
            }
        }
        assertThat(writers).as("User-Agents of the writes").isNotEmpty()
                .allMatch(("deployment-service/" + instance.value())::equals);
        assertThat(instance.value()).startsWith(System.getenv().getOrDefault("HOSTNAME", "instance") + "-");
    }

    @Test
    void firstDeploymentGoesLiveOnBlueWithTheExactObjects() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");

        assertThat(client.namespaces().withName(scene.namespace()).get()).isNotNull();
        assertThat(client.serviceAccounts().inNamespace(scene.namespace()).withName("data-processing-" + scene.tenant).get()).isNotNull();
        var blue = scene.deployment("blue");
        assertThat(blue.getMetadata().getLabels()).containsEntry("app", "data-processing").containsEntry("tenant", scene.tenant)
                .containsEntry("component", scene.component).containsEntry("data-workload", "true").containsEntry("slot", "blue");
        var container = blue.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.com/data/etl:1");
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("4Gi")).containsEntry("ephemeral-storage", new Quantity("20Gi"));
        assertThat(container.getResources().getLimits()).containsEntry("cpu", new Quantity("750m"))
                .containsEntry("memory", new Quantity("4.8Gi"));
        assertThat(blue.getSpec().getReplicas()).isEqualTo(2);
        assertThat(scene.serviceSlot()).isEqualTo("blue");
        var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(scene.namespace())
                .withName("data-processing-" + scene.tenant + "-etl-hpa").get();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("data-processing-" + scene.tenant + "-etl-blue");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Resource", "Pods");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        assertThat(hpa.getSpec().getMetrics().get(1).getPods().getTarget().getAverageValue()).isEqualTo(new Quantity("100"));
        assertThat(scene.deployment("green")).isNull();
    }

    /** Issue 11: the namespace enforces the restricted standard and is fenced by quota, limit range and network policies. */
    @Test
    void theTenantNamespaceIsGuardedAndThePodRunsRestricted() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");

        var tenant = RolloutScene.read(() -> facts.tenant(scene.tenant)).orElseThrow();
        assertThat(client.namespaces().withName(scene.namespace()).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted");
        assertThat(client.resourceQuotas().inNamespace(scene.namespace()).withName("data-processing-" + scene.tenant + "-quota").get()
                .getSpec()).isEqualTo(NamespacePolicies.resourceQuota(tenant).getSpec());
        assertThat(client.resourceQuotas().inNamespace(scene.namespace()).list().getItems().get(0).getSpec().getHard())
                .containsEntry("requests.storage", new Quantity("500Gi")).containsEntry("requests.cpu", new Quantity("64"));
        assertThat(client.limitRanges().inNamespace(scene.namespace()).withName("data-processing-" + scene.tenant + "-limits").get()
                .getSpec()).isEqualTo(NamespacePolicies.limitRange(tenant).getSpec());
        assertThat(client.network().v1().networkPolicies().inNamespace(scene.namespace()).list().getItems())
                .extracting(p -> p.getMetadata().getName(), p -> p.getSpec())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("data-processing-" + scene.tenant + "-default-deny",
                                NamespacePolicies.defaultDeny(scene.tenant).getSpec()),
                        org.assertj.core.groups.Tuple.tuple("data-processing-" + scene.tenant + "-allow-dns",
                                NamespacePolicies.dnsEgress(scene.tenant).getSpec()),
                        org.assertj.core.groups.Tuple.tuple("data-processing-" + scene.tenant + "-etl-ingress",
                                NamespacePolicies.componentIngress(scene.tenant, scene.component, "etl").getSpec()));

        var pod = scene.deployment("blue").getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        var container = pod.getContainers().get(0).getSecurityContext();
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    /**
     * Issue 11: the Deployment gets the literal value and the Secret reference; deployment-events carry
     * only the variables' names and whether each is a secret reference.
     */
    @Test
    void environmentValuesReachTheDeploymentButNoEvent() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");

        assertThat(scene.environment("blue")).containsExactlyElementsOf(RolloutScene.expectedEnvironment(scene.tenant));
        List<String> events = scene.events(first, 6);
        assertThat(events).hasSize(6);
        var recorded = scene.recorded(first);
        assertThat(recorded).hasSize(6).allSatisfy(event -> assertThat(event.value().toString())
                .doesNotContain("batch-7f3a").doesNotContain("etl-db").doesNotContain("password"));
        var requested = (org.apache.avro.generic.GenericRecord) recorded.get(0).value();
        assertThat(((org.apache.avro.generic.GenericRecord) requested.get("container")).get("environmentVariableNames").toString())
                .isEqualTo("[{\"name\": \"DB_PASSWORD\", \"secretReference\": true}, {\"name\": \"MODE\", \"secretReference\": false}]");
    }

    /** Issue 11: a rollout merges its labels into the namespace and service account; it never replaces them. */
    @Test
    void aRolloutKeepsWhatAnOperatorAddedToTheNamespaceAndServiceAccount() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        client.namespaces().withName(scene.namespace()).edit(ns -> {
            ns.getMetadata().getLabels().put("team.example.com/owner", "data-ops");
            ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "privileged");
            ns.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of("scheduler.alpha.kubernetes.io/node-selector", "pool=tenants")));
            return ns;
        });
        var serviceAccount = client.serviceAccounts().inNamespace(scene.namespace()).withName("data-processing-" + scene.tenant);
        serviceAccount.edit(sa -> {
            sa.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/etl")));
            return sa;
        });

        String second = scene.deploy("2", 10, 0);
        scene.awaitStatus(second, "DEPLOYED");

        var namespace = client.namespaces().withName(scene.namespace()).get().getMetadata();
        assertThat(namespace.getLabels()).containsEntry("team.example.com/owner", "data-ops")
                .containsEntry("app", "data-processing").containsEntry("tenant", scene.tenant)
                // the restricted level is ours to keep
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(namespace.getAnnotations()).containsEntry("scheduler.alpha.kubernetes.io/node-selector", "pool=tenants");
        assertThat(serviceAccount.get().getMetadata().getAnnotations()).containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/etl");
        assertThat(serviceAccount.get().getMetadata().getLabels()).containsEntry("tenant", scene.tenant);
    }

    @Test
    void everyStepOfARolloutCarriesTheCorrelationIdOfTheCallThatRequestedIt() {
        String correlationId = "deploy-" + UUID.randomUUID();
        String deploymentId = given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).contentType(ContentType.JSON)
                .header("X-Correlation-Id", correlationId).body(scene.body("1", 10, 0))
                .post("/tenants/" + scene.tenant + "/deployments").then().statusCode(202).extract().path("deploymentId");
        scene.awaitStatus(deploymentId, "DEPLOYED");

        List<String> events = scene.events(deploymentId, 6);
        assertThat(events).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentPhaseCompleted:GREEN_VALIDATED", "DeploymentPhaseCompleted:TRAFFIC_SWITCHED",
                "DeploymentPhaseCompleted:BLUE_CLEANED_UP", "DeploymentSucceeded");
        assertThat(scene.recorded(deploymentId)).extracting(e -> e.field("correlationId")).containsOnly(correlationId);
    }

    @Test
    void switchesTrafficToGreenOnlyAfterItIsReadyThenRemovesBlue() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        String second = scene.deploy("2", 10, 0);
        scene.awaitStatus(second, "DEPLOYED");

        assertThat(scene.deployment("blue")).isNull();
        assertThat(scene.deployment("green").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/data/etl:2");
        assertThat(scene.serviceSlot()).isEqualTo("green");
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(scene.namespace())
                .withName("data-processing-" + scene.tenant + "-etl-hpa").get().getSpec().getScaleTargetRef().getName())
                .isEqualTo(scene.deploymentName("green"));
        given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + second).then()
                .body("phases.phase", equalTo(List.of("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP")))
                .body("previousDeploymentId", equalTo(first));
        given().auth().oauth2(TestTokens.tenantUser(scene.tenant)).get("/tenants/" + scene.tenant + "/metrics").then().statusCode(200)
                .body("activeJobs", equalTo(1)).body("jobsCompleted", equalTo(2)).body("jobsFailed", equalTo(0))
                .body("totalProcessingHours", greaterThan(0f))
                .body("lastActivity", notNullValue());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape())
                .contains("tenant_jobs_completed{tenant=\"" + scene.tenant + "\"} 2.0")
                .contains("tenant_active_jobs{tenant=\"" + scene.tenant + "\"} 1.0"));
        assertThat(scene.events(second, 6)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentPhaseCompleted:GREEN_VALIDATED", "DeploymentPhaseCompleted:TRAFFIC_SWITCHED",
                "DeploymentPhaseCompleted:BLUE_CLEANED_UP", "DeploymentSucceeded");
    }

    @Test
    void switchesTrafficOnlyAfterASlowGreenIsReady() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        String green = scene.deploymentName("green");
        scene.controller.neverReady(green);
        String second = scene.deploy("2", 300, 0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(scene.deployment("green")).isNotNull());
        // The executor looked at green twice and found it not ready: blue keeps the traffic.
        awaitExecutorReads(scene.namespace(), green, 2);
        assertThat(scene.serviceSlot()).isEqualTo("blue");
        assertThat(scene.status(second)).isEqualTo("DEPLOYING");

        Instant readyFrom = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        scene.controller.ready(green);
        scene.awaitStatus(second, "DEPLOYED");

        var phases = given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + second).then().statusCode(200)
                .extract().jsonPath();
        assertThat(phases.getList("phases.phase")).containsExactly("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP");
        Instant validated = Instant.parse(phases.getString("phases[1].completedAt"));
        Instant switched = Instant.parse(phases.getString("phases[2].completedAt"));
        assertThat(validated).isAfterOrEqualTo(readyFrom);
        assertThat(switched).isAfterOrEqualTo(validated);
        assertThat(scene.serviceSlot()).isEqualTo("green");
    }

    /**
     * Waits until the API server was asked for the Deployment {@code times} more times, which only the
     * executor does meanwhile (the test controller lists Deployments, and leaves a held one alone).
     */
    private void awaitExecutorReads(String namespace, String deployment, int times) {
        String path = "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + deployment;
        var requests = apiServer.getKubernetesMockServer();
        try {
            while (requests.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
                // what was asked before now
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int[] reads = {0};
        Callable<Boolean> readOften = () -> {
            for (var request = requests.takeRequest(10, TimeUnit.MILLISECONDS); request != null;
                    request = requests.takeRequest(10, TimeUnit.MILLISECONDS)) {
                if ("GET".equals(request.getMethod()) && path.equals(request.getPath())) {
                    reads[0]++;
                }
            }
            return reads[0] >= times;
        };
        await("the executor reads the held Deployment " + deployment + " " + times + " times")
                .atMost(Duration.ofSeconds(30)).until(readOften);
    }

    /**
     * Issue 12: a green the cluster refuses is retried with back-off for step-retry-timeout (8 s in tests),
     * then the rollout ends FAILED with the cluster's reason and leaves nothing of the component behind; a
     * rollout of another tenant requested after it completes meanwhile.
     */
    @Test
    void aGreenTheClusterKeepsRefusingFailsTheRolloutWithoutHoldingUpAnotherTenant() {
        apiServer.getKubernetesMockServer().expect().post().withPath("/apis/apps/v1/namespaces/" + scene.namespace() + "/deployments")
                .andReturn(403, new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
                        .withMessage("deployments.apps is forbidden: exceeded quota: compute-resources").build())
                .always();
        try (RolloutScene other = RolloutScene.open(registry, client, facts)) {
            String broken = scene.deploy("1", 10, 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> client.namespaces().withName(scene.namespace()).get() != null);
            String fine = other.deploy("1", 10, 0);
            other.awaitStatus(fine, "DEPLOYED");
            assertThat(scene.status(broken)).isEqualTo("REQUESTED");

            scene.awaitStatus(broken, "FAILED");
            given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + broken).then()
                    .body("error", containsString("DEPLOY_GREEN kept failing"))
                    .body("error", containsString("exceeded quota: compute-resources"));
            assertThat(scene.events(broken, 2)).containsExactly("DeploymentRequested", "DeploymentFailed");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(client.apps().deployments().inNamespace(scene.namespace()).list().getItems()).isEmpty();
                assertThat(client.services().inNamespace(scene.namespace()).list().getItems()).isEmpty();
                assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(scene.namespace()).list().getItems()).isEmpty();
            });
        }
    }

    /**
     * Issue 12: green starts with the replicas blue serves with now (capped by the new maxReplicas) and must
     * be ready at that size; the HPA stays on blue until green is validated, then takes the new rollout's settings.
     */
    @Test
    void greenGetsBluesCapacityAndTheHpaMovesWithTheNewSettingsOnlyOnceGreenIsValidated() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        client.apps().deployments().inNamespace(scene.namespace()).withName(scene.deploymentName("blue"))
                .edit(d -> new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d).editSpec().withReplicas(5).endSpec().build());
        scene.controller.neverReady(scene.deploymentName("green"));
        Map<String, Object> body = new HashMap<>(scene.body("2", 30, 0));
        @SuppressWarnings("unchecked")
        Map<String, Object> container = new HashMap<>((Map<String, Object>) body.get("container"));
        container.put("maxReplicas", 4);
        container.put("scalingMetrics", List.of("memory"));
        body.put("container", container);
        String second = given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).contentType(ContentType.JSON).body(body)
                .post("/tenants/" + scene.tenant + "/deployments").then().statusCode(202).extract().path("deploymentId");

        await().atMost(Duration.ofSeconds(30)).until(() -> scene.deployment("green") != null);
        assertThat(scene.deployment("green").getSpec().getReplicas()).isEqualTo(4);
        assertThat(scene.hpaTarget()).isEqualTo(scene.deploymentName("blue"));

        scene.controller.ready(scene.deploymentName("green"));
        scene.awaitStatus(second, "DEPLOYED");
        var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(scene.namespace())
                .withName("data-processing-" + scene.tenant + "-etl-hpa").get();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(scene.deploymentName("green"));
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(4);
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getResource().getName()).containsExactly("memory");
    }

    /** Issue 12: a new version that renames its container leaves no Deployment, Service, HPA or ingress policy of the old name. */
    @Test
    void renamingTheContainerLeavesNothingOfTheOldNameBehind() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        Map<String, Object> body = new HashMap<>(scene.body("2", 10, 0));
        @SuppressWarnings("unchecked")
        Map<String, Object> container = new HashMap<>((Map<String, Object>) body.get("container"));
        container.put("containerName", "etl-renamed");
        body.put("container", container);
        String second = given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).contentType(ContentType.JSON).body(body)
                .post("/tenants/" + scene.tenant + "/deployments").then().statusCode(202).extract().path("deploymentId");
        scene.awaitStatus(second, "DEPLOYED");

        String renamed = "data-processing-" + scene.tenant + "-etl-renamed";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace(scene.namespace()).list().getItems())
                    .extracting(d -> d.getMetadata().getName()).containsExactly(renamed + "-green");
            assertThat(client.services().inNamespace(scene.namespace()).list().getItems())
                    .extracting(svc -> svc.getMetadata().getName() + ":" + svc.getSpec().getSelector().get("slot"))
                    .containsExactly(renamed + ":green");
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(scene.namespace()).list().getItems())
                    .extracting(h -> h.getMetadata().getName() + "->" + h.getSpec().getScaleTargetRef().getName())
                    .containsExactly(renamed + "-hpa->" + renamed + "-green");
            assertThat(client.network().v1().networkPolicies().inNamespace(scene.namespace())
                    .withName("data-processing-" + scene.tenant + "-etl-ingress").get()).isNull();
        });
    }

    /**
     * Issue 12: a first deployment in progress is aborted by POST .../rollback (it used to answer 409) and cleaned up as a
     * failed first deployment is: no Deployment, Service, HPA or ingress policy is left; its events come once and in order.
     */
    @Test
    void aFirstDeploymentInProgressCanBeAbortedAndLeavesNothingBehind() {
        scene.controller.neverReady(scene.deploymentName("blue"));
        String first = scene.deploy("1", 300, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEPLOYING".equals(scene.status(first))
                && client.services().inNamespace(scene.namespace()).list().getItems().size() == 1);

        given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).contentType(ContentType.JSON)
                .body(Map.of("reason", "wrong image")).post("/deployments/" + first + "/rollback")
                .then().statusCode(200).body("status", equalTo("FAILED")).body("error", containsString("Aborted: wrong image"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace(scene.namespace()).list().getItems()).isEmpty();
            assertThat(client.services().inNamespace(scene.namespace()).list().getItems()).isEmpty();
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(scene.namespace()).list().getItems()).isEmpty();
            assertThat(client.network().v1().networkPolicies().inNamespace(scene.namespace())
                    .withName("data-processing-" + scene.tenant + "-etl-ingress").get()).isNull();
        });
        assertThat(scene.events(first, 3)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentFailed");
        assertThat(scene.status(first)).isEqualTo("FAILED");
    }

    /** Issue 12: a first deployment that fails leaves no Service, HPA or ingress policy pointing at a deleted Deployment. */
    @Test
    void aFailedFirstDeploymentLeavesNothingOfTheComponentBehind() {
        scene.controller.neverReady(scene.deploymentName("blue"));
        String first = scene.deploy("1", 1, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.services().inNamespace(scene.namespace()).list().getItems().size() == 1);
        scene.awaitStatus(first, "FAILED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.apps().deployments().inNamespace(scene.namespace()).list().getItems()).isEmpty();
            assertThat(client.services().inNamespace(scene.namespace()).list().getItems()).isEmpty();
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(scene.namespace()).list().getItems()).isEmpty();
            assertThat(client.network().v1().networkPolicies().inNamespace(scene.namespace())
                    .withName("data-processing-" + scene.tenant + "-etl-ingress").get()).isNull();
        });
        assertThat(client.network().v1().networkPolicies().inNamespace(scene.namespace())
                .withName("data-processing-" + scene.tenant + "-default-deny").get()).isNotNull();
    }

    @Test
    void greenThatNeverGetsReadyFailsAndBlueKeepsServing() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        scene.controller.neverReady(scene.deploymentName("green"));
        String second = scene.deploy("2", 2, 0);
        scene.awaitStatus(second, "FAILED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scene.deployment("green")).isNull());
        assertThat(scene.deployment("blue")).isNotNull();
        assertThat(scene.serviceSlot()).isEqualTo("blue");
        given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + second).then()
                .body("error", containsString("not ready within 2 s"));
        given().auth().oauth2(TestTokens.tenantUser(scene.tenant)).get("/tenants/" + scene.tenant + "/metrics").then().statusCode(200)
                .body("activeJobs", equalTo(1)).body("jobsCompleted", equalTo(1)).body("jobsFailed", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape())
                .contains("tenant_jobs_failed{tenant=\"" + scene.tenant + "\"} 1.0")
                .contains("tenant_jobs_completed{tenant=\"" + scene.tenant + "\"} 1.0")
                .containsPattern("tenant_processing_hours\\{tenant=\"" + scene.tenant + "\"} [0-9.E-]+\n"));
        assertThat(scene.events(second, 3)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentFailed");
    }

    @Test
    void rollsBackToBlueWhileItIsStillKept() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        String second = scene.deploy("2", 10, 120);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scene.serviceSlot()).isEqualTo("green"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(TestTokens.platformAdmin())
                .get("/deployments/" + second).then().body("phases.size()", equalTo(3)));

        given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).contentType(ContentType.JSON).body(Map.of("reason", "bad numbers"))
                .post("/deployments/" + second + "/rollback").then().statusCode(200).body("status", equalTo("ROLLED_BACK"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(scene.serviceSlot()).isEqualTo("blue");
            assertThat(scene.deployment("green")).isNull();
        });
        assertThat(scene.deployment("blue")).isNotNull();
        assertThat(scene.events(second, 5)).containsExactly("DeploymentRequested", "DeploymentPhaseCompleted:GREEN_DEPLOYED",
                "DeploymentPhaseCompleted:GREEN_VALIDATED", "DeploymentPhaseCompleted:TRAFFIC_SWITCHED", "DeploymentRolledBack");
        // the first deployment is live again: a new rollout targets green once more
        String third = scene.deploy("3", 10, 0);
        given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + third).then().body("targetSlot", equalTo("GREEN"));
    }

    /**
     * Deployments, phases and tenant metrics are projections of this service's own event log: rebuilding
     * them from it changes no answer. The registry knowledge is not in that log and is kept.
     */
    @Test
    void rebuildingTheReadModelsFromTheLogChangesNoAnswer() {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        String green = scene.deploymentName("green");
        scene.controller.neverReady(green);
        String failed = scene.deploy("2", 1, 0);
        scene.awaitStatus(failed, "FAILED");
        scene.controller.ready(green);
        String rolledBack = scene.deploy("3", 10, 120);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.platformAdmin())
                .get("/deployments/" + rolledBack).then().body("phases.size()", equalTo(3)));
        given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).contentType(ContentType.JSON).body(Map.of("reason", "bad numbers"))
                .post("/deployments/" + rolledBack + "/rollback").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scene.deployment("green")).isNull());
        List<String> ids = List.of(first, failed, rolledBack);

        ApiAnswers before = ApiAnswers.of(scene.tenant, ids);
        long replayed = given().auth().oauth2(TestTokens.platformAdmin()).post("/admin/read-models/rebuild").then().statusCode(200)
                .extract().jsonPath().getLong("eventsReplayed");
        ApiAnswers after = ApiAnswers.of(scene.tenant, ids);

        assertThat(replayed).isGreaterThanOrEqualTo(6 + 3 + 5);
        assertThat(after.deployments()).isEqualTo(before.deployments());
        assertThat(after.history()).isEqualTo(before.history());
        assertThat(after.metrics()).isEqualTo(before.metrics());
        // live time keeps growing between the two reads, by less than the time they took
        assertThat(after.processingHours()).isCloseTo(before.processingHours(), offset(0.01));
        assertThat(before.history()).contains("\"status\":\"DEPLOYED\"", "\"status\":\"FAILED\"", "\"status\":\"ROLLED_BACK\"");
        // compensation runs again on the rebuilt rows (they start uncompensated) and is idempotent
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(scene.serviceSlot()).isEqualTo("blue");
            assertThat(scene.deployment("blue")).isNotNull();
            assertThat(scene.deployment("green")).isNull();
        });
        // the registry knowledge was kept: the tenant may still deploy its granted component
        scene.deploy("4", 10, 0);
        given().auth().oauth2(TestTokens.tenantAdmin(scene.tenant)).post("/admin/read-models/rebuild").then().statusCode(403);
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
            Map<String, Object> metrics = new HashMap<>(given().auth().oauth2(TestTokens.platformAdmin())
                    .get("/tenants/" + tenant + "/metrics").then().statusCode(200).extract().jsonPath().getMap("$"));
            double hours = ((Number) metrics.remove("totalProcessingHours")).doubleValue();
            return new ApiAnswers(deployments, history, metrics, hours);
        }
    }

    /**
     * A service killed after {@code phasesDone} phases of a rollout (its events committed, the cluster
     * left as that instance left it) is resumed from the event-sourced state by the next one.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void resumesARolloutKilledInAnyPhase(int phasesDone) throws Throwable {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        var spec = DeploymentValidator.validate(scene.tenant, new ObjectMapper()
                .convertValue(scene.body("2", 10, 0), DeploymentRequest.class));
        String second = UUID.randomUUID().toString();
        var context = new CommandContext("killed-instance", "resume-test");
        List<SpecificRecordBase> events = new ArrayList<>();
        events.add(Rollout.request(scene.tenant, second, spec, Optional.of(DeploymentSlot.BLUE),
                Optional.of(first), List.of(), context));
        var phases = List.of(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED,
                DeploymentPhase.TRAFFIC_SWITCHED);
        for (int i = 0; i < phasesDone; i++) {
            events.addAll(Rollout.replay(events).complete(phases.get(i), Map.of(), context));
        }
        // what the killed instance had done in the cluster
        if (phasesDone >= 1) {
            client.resource(ManifestRenderer.deployment(scene.tenant, scene.component, spec.container(),
                    spec.environmentVariables(), DeploymentSlot.GREEN)).create();
        }
        if (phasesDone >= 3) {
            new ClusterOperations(client).routeTo(scene.tenant, scene.component, "etl", DeploymentSlot.GREEN);
        }
        // the killed instance's request transaction stored the environment with the events
        VertxContextSupport.subscribeAndAwait(() -> commands.inTransaction(() ->
                recorder.record(Rollout.AGGREGATE_TYPE, 0, events).chain(() -> environments.store(second, spec.environmentVariables()))));

        scene.awaitStatus(second, "DEPLOYED");
        assertThat(scene.environment("green")).containsExactlyElementsOf(RolloutScene.expectedEnvironment(scene.tenant));
        assertThat(scene.deployment("blue")).isNull();
        assertThat(scene.deployment("green")).isNotNull();
        assertThat(scene.serviceSlot()).isEqualTo("green");
        given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + second).then()
                .body("phases.phase", equalTo(List.of("GREEN_DEPLOYED", "GREEN_VALIDATED", "TRAFFIC_SWITCHED", "BLUE_CLEANED_UP")));
    }

    /** Killed after recording a rollback but before putting the cluster back: the next instance compensates. */
    @Test
    void compensatesARollbackRecordedBeforeTheKill() throws Throwable {
        String first = scene.deploy("1", 10, 0);
        scene.awaitStatus(first, "DEPLOYED");
        var spec = DeploymentValidator.validate(scene.tenant, new ObjectMapper()
                .convertValue(scene.body("2", 10, 120), DeploymentRequest.class));
        String second = UUID.randomUUID().toString();
        var context = new CommandContext("killed-instance", "resume-test");
        List<SpecificRecordBase> events = new ArrayList<>();
        events.add(Rollout.request(scene.tenant, second, spec, Optional.of(DeploymentSlot.BLUE),
                Optional.of(first), List.of(), context));
        for (var phase : List.of(DeploymentPhase.GREEN_DEPLOYED, DeploymentPhase.GREEN_VALIDATED,
                DeploymentPhase.TRAFFIC_SWITCHED)) {
            events.addAll(Rollout.replay(events).complete(phase, Map.of(), context));
        }
        events.add(Rollout.replay(events).rollBack("operator", Instant.now(), context));
        client.resource(ManifestRenderer.deployment(scene.tenant, scene.component, spec.container(),
                spec.environmentVariables(), DeploymentSlot.GREEN)).create();
        new ClusterOperations(client).routeTo(scene.tenant, scene.component, "etl", DeploymentSlot.GREEN);
        VertxContextSupport.subscribeAndAwait(() -> commands.inTransaction(() ->
                recorder.record(Rollout.AGGREGATE_TYPE, 0, events)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(scene.serviceSlot()).isEqualTo("blue");
            assertThat(scene.deployment("green")).isNull();
        });
        assertThat(scene.deployment("blue")).isNotNull();
    }
}
