package io.modulardata.deployment.rollout;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modulardata.deployment.registry.RegistryFacts;
import io.modulardata.deployment.support.RegistryEventsPublisher;
import io.modulardata.deployment.support.TestController;
import io.modulardata.events.DataEnvironment;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/**
 * One rollout test's world: a fresh tenant granted a fresh component (through registry-events, as
 * registry-service would), a test controller marking its Deployments ready, a probe on
 * deployment-events, and the cluster objects of its container "etl" by name.
 */
final class RolloutScene implements AutoCloseable {

    /** The one image the scene's component version declares (any tag). */
    static final String IMAGE = "registry.example.com/data/etl";

    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    final String component = "etl-" + UUID.randomUUID().toString().substring(0, 8);
    final TestController controller;

    private final KubernetesClient client;
    private final EventProbe probe;

    private RolloutScene(KubernetesClient client) {
        this.client = client;
        this.controller = new TestController(client);
        var config = ConfigProvider.getConfig();
        this.probe = new EventProbe(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class),
                List.of("deployment-events"));
    }

    /** Publishes the tenant, the component 1.0.0 and the grant, and waits until the service knows the grant. */
    static RolloutScene open(RegistryEventsPublisher registry, KubernetesClient client, RegistryFacts facts) {
        RolloutScene scene = new RolloutScene(client);
        registry.publish(registry.tenantRegistered(scene.tenant, 3, List.of(DataEnvironment.STAGING)));
        registry.publish(registry.componentRegistered(scene.component, "1.0.0", IMAGE));
        registry.publish(registry.granted(scene.tenant, scene.component, "1.0.0", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                return read(() -> facts.isGranted(scene.tenant, scene.component + "-1.0.0"));
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        return scene;
    }

    /** A literal variable and one from a Secret: the literal value must reach the Deployment, never an event. */
    static final Map<String, Object> ENVIRONMENT = Map.of("MODE", "batch-7f3a",
            "DB_PASSWORD", Map.of("secretKeyRef", Map.of("name", "etl-db", "key", "password")));

    Map<String, Object> body(String imageTag, int readinessTimeoutSeconds, int scaleDownDelaySeconds) {
        return Map.of("componentId", component, "componentVersion", "1.0.0", "environment", "STAGING",
                "container", Map.of("imageName", IMAGE, "imageTag", imageTag, "containerName", "etl",
                        "cpuCores", 0.5, "memoryGb", 4.0, "minReplicas", 2, "maxReplicas", 6,
                        "scalingMetrics", List.of("cpu", "data_throughput"), "environmentVariables", ENVIRONMENT),
                "validation", Map.of("readinessTimeoutSeconds", readinessTimeoutSeconds,
                        "scaleDownDelaySeconds", scaleDownDelaySeconds));
    }

    /** POST /tenants/{tenant}/deployments as the tenant's admin; returns the deploymentId of the 202. */
    String deploy(String imageTag, int readinessTimeoutSeconds, int scaleDownDelaySeconds) {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType(ContentType.JSON)
                .body(body(imageTag, readinessTimeoutSeconds, scaleDownDelaySeconds))
                .post("/tenants/" + tenant + "/deployments").then().statusCode(202).extract().path("deploymentId");
    }

    String status(String deploymentId) {
        return given().auth().oauth2(TestTokens.platformAdmin()).get("/deployments/" + deploymentId).then().statusCode(200)
                .extract().path("status");
    }

    void awaitStatus(String deploymentId, String status) {
        await().atMost(Duration.ofSeconds(40)).until(() -> status.equals(status(deploymentId)));
    }

    String namespace() {
        return "data-tenant-" + tenant;
    }

    String deploymentName(String slot) {
        return "data-processing-" + tenant + "-etl-" + slot;
    }

    /** The slot's Deployment, or null when there is none. */
    Deployment deployment(String slot) {
        return client.apps().deployments().inNamespace(namespace()).withName(deploymentName(slot)).get();
    }

    /** The slot's container environment as rendered: the scene's variables, then the platform's. */
    List<EnvVar> environment(String slot) {
        return deployment(slot).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }

    static List<EnvVar> expectedEnvironment(String tenant) {
        return List.of(new EnvVarBuilder().withName("DB_PASSWORD").withNewValueFrom().withNewSecretKeyRef().withName("etl-db")
                        .withKey("password").endSecretKeyRef().endValueFrom().build(),
                new EnvVar("MODE", "batch-7f3a", null), new EnvVar("TENANT_ID", tenant, null),
                new EnvVar("DATA_PROCESSING_MODE", "production", null));
    }

    /** The slot the Service's selector picks. */
    String serviceSlot() {
        return client.services().inNamespace(namespace()).withName("data-processing-" + tenant + "-etl").get()
                .getSpec().getSelector().get("slot");
    }

    String hpaTarget() {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace())
                .withName("data-processing-" + tenant + "-etl-hpa").get().getSpec().getScaleTargetRef().getName();
    }

    /** The deployment's events on deployment-events ("Type" or "Type:PHASE"), once {@code count} arrived and a further second brought no more. */
    List<String> events(String deploymentId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ofDeployment(probe.collect(Duration.ofMillis(300)), deploymentId).size() >= count);
        return ofDeployment(probe.collect(Duration.ofSeconds(1)), deploymentId);
    }

    /** The deployment's events as they arrived on deployment-events so far. */
    List<RecordedEvent> recorded(String deploymentId) {
        return probe.collect(Duration.ofMillis(100)).stream().filter(e -> deploymentId.equals(e.field("deploymentId"))).toList();
    }

    private static List<String> ofDeployment(List<RecordedEvent> events, String deploymentId) {
        return events.stream().filter(e -> deploymentId.equals(e.field("deploymentId")))
                .map(e -> e.type().replace("io.modulardata.events.", "")
                        + (e.value().getSchema().getField("phase") == null ? "" : ":" + e.field("phase"))).toList();
    }

    /** Runs a query in a session of its own, from the test thread. */
    static <T> T read(Supplier<Uni<T>> query) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(query));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        controller.close();
        probe.close();
    }
}
