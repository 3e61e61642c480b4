package io.modulardata.deployment.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.modulardata.deployment.support.RegistryEventsPublisher;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.DataEnvironment;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The deployment REST API against real PostgreSQL, Kafka and Apicurio; the registry is played by publishing its events. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "deployment"))
@WithTestResource(JwtTestResource.class)
class DeploymentApiTest {

    @Inject
    RegistryEventsPublisher registry;

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static Map<String, Object> body(String componentId, String environment) {
        return Map.of("componentId", componentId, "componentVersion", "1.0.0", "environment", environment,
                "container", Map.of("imageName", "registry.example.com/data/" + componentId, "imageTag", "1.0.0",
                        "containerName", "etl", "cpuCores", 0.5, "memoryGb", 4.0));
    }

    @Inject
    io.modulardata.deployment.registry.RegistryFacts facts;

    /** A tenant (max jobs, STAGING only) with a granted component in the given status, once the service knows all of it. */
    private void tenantWithGrant(String tenant, String component, int maxJobs, ComponentStatus status) {
        registry.publish(registry.tenantRegistered(tenant, maxJobs, List.of(DataEnvironment.STAGING)));
        registry.publish(registry.componentRegistered(component, "1.0.0", "registry.example.com/data/" + component));
        if (status != ComponentStatus.ACTIVE) {
            registry.publish(registry.statusChanged(component, "1.0.0", ComponentStatus.ACTIVE, status, 2));
        }
        registry.publish(registry.granted(tenant, component, "1.0.0", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> holds(() -> facts.isGranted(tenant, component + "-1.0.0")
                .chain(granted -> facts.component(component + "-1.0.0").map(found -> granted && found.filter(c -> c.status() == status).isPresent()))));
    }

    /** A condition on what the service knows, read in a session of its own; false while it cannot be read. */
    private static boolean holds(java.util.function.Supplier<io.smallrye.mutiny.Uni<Boolean>> condition) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache.withSession(condition));
        } catch (Throwable e) {
            return false;
        }
    }

    @Test
    void acceptsADeploymentAndPublishesDeploymentRequested() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 2, ComponentStatus.ACTIVE);
        var config = ConfigProvider.getConfig();
        try (EventProbe probe = new EventProbe(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class), List.of("deployment-events"))) {
            Map<String, Object> withEnvironment = withContainer(body(component, "STAGING"), "environmentVariables", Map.of(
                    "MODE", "batch-51c9", "DB_PASSWORD", Map.of("secretKeyRef", Map.of("name", "acme-db", "key", "password"))));
            String deploymentId = as(TestTokens.tenantAdmin(tenant)).body(withEnvironment)
                    .post("/tenants/" + tenant + "/deployments")
                    .then().statusCode(202)
                    .header("Location", containsString("/deployments/"))
                    .body("status", equalTo("REQUESTED"))
                    .body("targetSlot", equalTo("BLUE"))
                    .body("links.rollback", notNullValue())
                    .extract().path("deploymentId");

            as(TestTokens.tenantUser(tenant)).get("/deployments/" + deploymentId).then().statusCode(200)
                    .body("tenantId", equalTo(tenant)).body("componentKey", equalTo(component + "-1.0.0"))
                    .body("status", equalTo("REQUESTED")).body("environment", equalTo("STAGING"));
            as(TestTokens.tenantUser(tenant)).get("/tenants/" + tenant + "/deployments").then().statusCode(200)
                    .body("deploymentId", hasItem(deploymentId));
            // another tenant sees nothing
            as(TestTokens.tenantUser("other")).get("/deployments/" + deploymentId).then().statusCode(404);

            RecordedEvent requested = probe.await(e -> e.type().endsWith("DeploymentRequested")
                    && deploymentId.equals(e.field("deploymentId")), Duration.ofSeconds(30));
            assertThat(requested.key()).isEqualTo(tenant);
            assertThat(requested.field("componentKey")).isEqualTo(component + "-1.0.0");
            assertThat(requested.field("targetSlot")).isEqualTo("BLUE");
            // names, and whether each comes from a Secret; never a value
            assertThat(((org.apache.avro.generic.GenericRecord) requested.value().get("container")).get("environmentVariableNames").toString())
                    .isEqualTo("[{\"name\": \"DB_PASSWORD\", \"secretReference\": true}, {\"name\": \"MODE\", \"secretReference\": false}]");
            assertThat(requested.value().toString()).doesNotContain("batch-51c9").doesNotContain("acme-db");
        }
    }

    /** The body with one more (or another) container field. */
    private static Map<String, Object> withContainer(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        @SuppressWarnings("unchecked")
        Map<String, Object> container = new java.util.HashMap<>((Map<String, Object>) body.get("container"));
        container.put(field, value);
        copy.put("container", container);
        return copy;
    }

    /**
     * Issue 11: a tenant-admin cannot ask for root on the node. Each setting the restricted Pod Security
     * Standard forbids is a 400 naming it, for a tenant that could otherwise deploy; nothing is written.
     */
    @Test
    void refusesEveryPrivilegeEscalationNamingTheFieldAndWritesNothing() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 2, ComponentStatus.ACTIVE);
        Map<String, Map<String, Object>> hostile = new java.util.LinkedHashMap<>();
        hostile.put("container.securityContext.privileged", Map.of("privileged", true));
        hostile.put("container.securityContext.capabilities.add[0]", Map.of("capabilities", Map.of("add", List.of("SYS_ADMIN"))));
        hostile.put("container.securityContext.capabilities.add[1]", Map.of("capabilities", Map.of("add", List.of("NET_BIND_SERVICE", "ALL"))));
        hostile.put("container.securityContext.runAsUser", Map.of("runAsUser", 0));
        hostile.put("container.securityContext.runAsNonRoot", Map.of("runAsNonRoot", false));
        hostile.put("container.securityContext.allowPrivilegeEscalation", Map.of("allowPrivilegeEscalation", true));
        hostile.put("container.securityContext.seccompProfile.type", Map.of("seccompProfile", Map.of("type", "Unconfined")));
        hostile.put("container.securityContext.appArmorProfile.type", Map.of("appArmorProfile", Map.of("type", "Unconfined")));
        hostile.put("container.securityContext.seLinuxOptions.type", Map.of("seLinuxOptions", Map.of("type", "spc_t")));
        hostile.put("container.securityContext.procMount", Map.of("procMount", "Unmasked"));
        hostile.put("container.securityContext.hostPID", Map.of("hostPID", true));
        hostile.put("container.securityContext.hostNetwork", Map.of("hostNetwork", true));
        hostile.put("container.securityContext.hostIPC", Map.of("hostIPC", true));
        hostile.forEach((field, securityContext) -> {
            Map<String, Object> body = withContainer(body(component, "STAGING"), "securityContext", securityContext);
            invalid(as(TestTokens.tenantAdmin(tenant)).body(body).post("/tenants/" + tenant + "/deployments"), field);
            invalid(as(TestTokens.tenantAdmin(tenant)).body(body).post("/tenants/" + tenant + "/deployments/preview"), field);
        });
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().statusCode(200).body("size()", equalTo(0));
        // what the restricted standard allows is deployed
        as(TestTokens.tenantAdmin(tenant)).body(withContainer(body(component, "STAGING"), "securityContext", Map.of(
                "runAsUser", 1000, "allowPrivilegeEscalation", false, "capabilities", Map.of("add", List.of("NET_BIND_SERVICE"), "drop", List.of("ALL")),
                "seccompProfile", Map.of("type", "RuntimeDefault")))).post("/tenants/" + tenant + "/deployments").then().statusCode(202);
    }

    /** Issue 11: only the images the component version declares run; a version declaring none does not deploy at all. */
    @Test
    void deploysOnlyAnImageTheVersionDeclares() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 5, ComponentStatus.ACTIVE);
        refused(as(TestTokens.tenantAdmin(tenant)).body(withContainer(body(component, "STAGING"), "imageName", "evil.example.com/miner"))
                .post("/tenants/" + tenant + "/deployments"), 422, "container.imageName")
                .body("detail", containsString("evil.example.com/miner:1.0.0"));
        String digest = "sha256:" + "c0".repeat(32);
        String pinned = newId("pin");
        registry.publish(registry.componentRegistered(pinned, "1.0.0", "registry.example.com/data/" + pinned + "@" + digest));
        String bare = newId("bare");
        registry.publish(registry.componentRegistered(bare, "1.0.0"));
        registry.publish(registry.granted(tenant, pinned, "1.0.0", 3));
        registry.publish(registry.granted(tenant, bare, "1.0.0", 4));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> refused(as(TestTokens.tenantAdmin(tenant)).body(body(bare, "STAGING"))
                .post("/tenants/" + tenant + "/deployments"), 422, "componentVersion").body("detail", containsString("declares no container images")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> refused(as(TestTokens.tenantAdmin(tenant)).body(body(pinned, "STAGING"))
                .post("/tenants/" + tenant + "/deployments"), 422, "container.imageName"));
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().statusCode(200).body("size()", equalTo(0));
        as(TestTokens.tenantAdmin(tenant)).body(withContainer(body(pinned, "STAGING"), "imageDigest", digest))
                .post("/tenants/" + tenant + "/deployments").then().statusCode(202);
    }

    /** Issue 11: a container larger than the tier allows is a 422 before anything is written (or previewed). */
    @Test
    void refusesAContainerBeyondTheTiersMaximum() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 5, ComponentStatus.ACTIVE);
        // PROFESSIONAL: at most 8 cores, 32 GB memory and 200 GB storage per container
        refused(as(TestTokens.tenantAdmin(tenant)).body(withContainer(body(component, "STAGING"), "cpuCores", 9))
                .post("/tenants/" + tenant + "/deployments"), 422, "container.cpuCores")
                .body("detail", equalTo("The PROFESSIONAL tier allows at most 8 cores per container; 9 were requested"));
        refused(as(TestTokens.tenantAdmin(tenant)).body(withContainer(body(component, "STAGING"), "memoryGb", 64))
                .post("/tenants/" + tenant + "/deployments/preview"), 422, "container.memoryGb");
        refused(as(TestTokens.tenantAdmin(tenant)).body(withContainer(body(component, "STAGING"), "storageGb", 201))
                .post("/tenants/" + tenant + "/deployments"), 422, "container.storageGb");
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().statusCode(200).body("size()", equalTo(0));
    }

    /** Issue 11: credentials never become literal values, which events would keep forever. */
    @Test
    void refusesCredentialsAsLiteralEnvironmentValues() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 5, ComponentStatus.ACTIVE);
        invalid(as(TestTokens.tenantAdmin(tenant)).body(withContainer(body(component, "STAGING"), "environmentVariables",
                Map.of("DB_PASSWORD", "hunter2"))).post("/tenants/" + tenant + "/deployments"), "container.environmentVariables.DB_PASSWORD");
        invalid(as(TestTokens.tenantAdmin(tenant)).body(withContainer(body(component, "STAGING"), "environmentVariables",
                Map.of("DATABASE_URL", "postgres://app:hunter2@db/app"))).post("/tenants/" + tenant + "/deployments"),
                "container.environmentVariables.DATABASE_URL");
        invalid(as(TestTokens.tenantAdmin(tenant)).body(withContainer(body(component, "STAGING"), "environmentVariables",
                Map.of("DB", Map.of("secretKeyRef", Map.of("name", "Bad Name", "key", "password"))))).post("/tenants/" + tenant + "/deployments"),
                "container.environmentVariables.DB.secretKeyRef.name");
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void refusesASecondRolloutOfTheSameComponentWhileOneIsInProgress() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 5, ComponentStatus.ACTIVE);
        as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(202);
        refused(as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments"), 409, "componentId")
                .body("detail", containsString("still rolling out"));
    }

    /** Issue 12: two components of a tenant must never write the same Deployment, Service or HPA. */
    @Test
    void refusesASecondComponentUnderAContainerNameTheTenantAlreadyRuns() {
        String tenant = newId("t");
        String first = newId("etl");
        String second = newId("etl");
        tenantWithGrant(tenant, first, 5, ComponentStatus.ACTIVE);
        tenantWithGrant(tenant, second, 5, ComponentStatus.ACTIVE);
        as(TestTokens.platformAdmin()).body(body(first, "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(202);
        refused(as(TestTokens.platformAdmin()).body(body(second, "STAGING")).post("/tenants/" + tenant + "/deployments"),
                409, "container.containerName").body("detail", containsString("'" + first + "' of tenant '" + tenant + "' already runs as container 'etl'"));
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().body("size()", equalTo(1));
        as(TestTokens.platformAdmin()).body(withContainer(body(second, "STAGING"), "containerName", "etl-two"))
                .post("/tenants/" + tenant + "/deployments").then().statusCode(202);
    }

    @Test
    void refusesByTheRegistryRulesNamingTheFieldAndChangingNothing() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 1, ComponentStatus.ACTIVE);
        refused(as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/ghost-tenant/deployments"),
                404, "tenantId");
        refused(as(TestTokens.platformAdmin()).body(body(component, "PRODUCTION")).post("/tenants/" + tenant + "/deployments"),
                422, "environment");
        refused(as(TestTokens.platformAdmin()).body(body("never-granted", "STAGING")).post("/tenants/" + tenant + "/deployments"),
                403, "componentVersion");
        as(TestTokens.tenantUser(tenant)).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.platformAdmin()).get("/tenants/ghost-tenant/deployments").then().statusCode(200).body("size()", equalTo(0));
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().statusCode(200).body("size()", equalTo(0));
        // maxConcurrentJobs = 1: the first component takes it
        as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(202);
        String second = newId("etl");
        registry.publish(registry.componentRegistered(second, "1.0.0", "registry.example.com/data/" + second));
        registry.publish(registry.granted(tenant, second, "1.0.0", 10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> refused(as(TestTokens.platformAdmin()).body(body(second, "STAGING"))
                .post("/tenants/" + tenant + "/deployments"), 409, "componentId").body("detail", containsString("1 of its 1")));
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].componentId", equalTo(component));
    }

    private static io.restassured.response.ValidatableResponse refused(io.restassured.response.Response response, int status, String field) {
        return response.then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("field", equalTo(field));
    }

    @Test
    void refusesRetiredVersionsAndWarnsOnDeprecatedOnes() {
        String tenant = newId("t");
        String sunset = newId("old");
        tenantWithGrant(tenant, sunset, 5, ComponentStatus.SUNSET);
        refused(as(TestTokens.platformAdmin()).body(body(sunset, "STAGING")).post("/tenants/" + tenant + "/deployments"), 409, "componentVersion")
                .body("detail", containsString("SUNSET"));
        String archived = newId("arc");
        tenantWithGrant(tenant, archived, 5, ComponentStatus.ARCHIVED);
        refused(as(TestTokens.platformAdmin()).body(body(archived, "STAGING")).post("/tenants/" + tenant + "/deployments"), 409, "componentVersion")
                .body("detail", containsString("ARCHIVED"));
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().body("size()", equalTo(0));
        String deprecated = newId("dep");
        tenantWithGrant(tenant, deprecated, 5, ComponentStatus.DEPRECATED);
        var config = ConfigProvider.getConfig();
        try (EventProbe probe = new EventProbe(config.getValue("kafka.bootstrap.servers", String.class),
                config.getValue("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", String.class), List.of("deployment-events"))) {
            String id = as(TestTokens.platformAdmin()).body(body(deprecated, "STAGING")).post("/tenants/" + tenant + "/deployments").then()
                    .statusCode(202).body("warnings[0]", containsString("DEPRECATED")).extract().path("deploymentId");
            RecordedEvent requested = probe.await(e -> e.type().endsWith("DeploymentRequested") && id.equals(e.field("deploymentId")),
                    Duration.ofSeconds(30));
            assertThat(requested.field("warnings")).contains("DEPRECATED");
        }
    }

    @Test
    void rejectsAnInvalidBodyNamingTheFields() {
        var bad = Map.of("componentId", "etl", "componentVersion", "1.0.0", "environment", "STAGING",
                "container", Map.of("imageName", "x", "imageTag", "1", "containerName", "etl", "cpuCores", -1));
        as(TestTokens.platformAdmin()).body(bad).post("/tenants/acme/deployments").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("container.cpuCores"));
    }

    /** A tenant the service knows (the preview sizes the namespace by its tier), without grants. */
    private void knownTenant(String tenant) {
        registry.publish(registry.tenantRegistered(tenant, 2, List.of(DataEnvironment.STAGING)));
        await().atMost(Duration.ofSeconds(30)).until(() -> holds(() -> facts.tenant(tenant).map(java.util.Optional::isPresent)));
    }

    @Test
    void previewRendersTheManifestsWithoutDeploying() {
        String tenant = newId("t");
        // an unknown tenant has no preview
        refused(as(TestTokens.tenantUser(tenant)).accept("application/yaml").body(body("etl-core", "STAGING"))
                .post("/tenants/" + tenant + "/deployments/preview"), 404, "tenantId");
        knownTenant(tenant);
        String yaml = as(TestTokens.tenantUser(tenant)).accept("application/yaml").body(body("etl-core", "STAGING"))
                .post("/tenants/" + tenant + "/deployments/preview")
                .then().statusCode(200).contentType(containsString("application/yaml")).extract().asString();
        assertThat(yaml).contains("name: \"data-tenant-" + tenant + "\"")
                .contains("name: \"data-processing-" + tenant + "-etl-blue\"")
                .contains("cpu: \"750m\"").contains("memory: \"4.8Gi\"").contains("kind: \"HorizontalPodAutoscaler\"")
                .contains("kind: \"ResourceQuota\"").contains("kind: \"LimitRange\"").contains("kind: \"NetworkPolicy\"")
                .contains("pod-security.kubernetes.io/enforce: \"restricted\"");
        as(TestTokens.tenantUser(tenant)).get("/tenants/" + tenant + "/deployments").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void previewOverRestEqualsTheCheckedInManifests() throws Exception {
        Map<String, Object> full = Map.of("componentId", "etl-core", "componentVersion", "2.1.0", "environment", "STAGING",
                "container", Map.ofEntries(Map.entry("imageName", "registry.example.com/data/etl-core"), Map.entry("imageTag", "2.1.0"),
                        Map.entry("containerName", "etl"), Map.entry("cpuCores", 0.5), Map.entry("memoryGb", 4.0),
                        Map.entry("storageGb", 20.0), Map.entry("gpuRequired", false),
                        Map.entry("environmentVariables", Map.of("LOG_LEVEL", "info", "BATCH_SIZE", "500",
                                "DB_PASSWORD", Map.of("secretKeyRef", Map.of("name", "acme-db", "key", "password")))),
                        Map.entry("dataVolumes", List.of(
                                Map.of("name", "input", "mountPath", "/data/input", "readOnly", true, "type", "persistent", "pvcName", "acme-input"),
                                Map.of("name", "scratch", "mountPath", "/scratch", "readOnly", false, "type", "ephemeral"))),
                        Map.entry("minReplicas", 2), Map.entry("maxReplicas", 8), Map.entry("autoScalingEnabled", true),
                        Map.entry("scalingMetrics", List.of("cpu", "memory", "data_throughput")),
                        Map.entry("securityContext", Map.of("runAsNonRoot", true, "runAsUser", 1000, "readOnlyRootFilesystem", true,
                                "capabilities", Map.of("add", List.of("NET_BIND_SERVICE"))))),
                "validation", Map.of("readinessTimeoutSeconds", 120, "scaleDownDelaySeconds", 60));
        knownTenant("acme");
        String yaml = as(TestTokens.tenantAdmin("acme")).accept("application/yaml").body(full).post("/tenants/acme/deployments/preview")
                .then().statusCode(200).extract().asString();
        try (var golden = getClass().getResourceAsStream("/manifests/acme-etl-blue.yaml")) {
            assertThat(yaml).isEqualTo(new String(golden.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        // scalingMetrics decide the HPA's metrics; no autoscaling, no HPA
        String cpuOnly = as(TestTokens.tenantAdmin("acme")).accept("application/yaml")
                .body(Map.of("componentId", "etl-core", "componentVersion", "2.1.0", "environment", "STAGING", "container", Map.of(
                        "imageName", "x", "imageTag", "1", "containerName", "etl", "scalingMetrics", List.of("cpu"))))
                .post("/tenants/acme/deployments/preview").then().statusCode(200).extract().asString();
        assertThat(cpuOnly).contains("averageUtilization: 70").doesNotContain("averageUtilization: 80")
                .doesNotContain("data_processing_throughput_per_second");
        String noHpa = as(TestTokens.tenantAdmin("acme")).accept("application/yaml")
                .body(Map.of("componentId", "etl-core", "componentVersion", "2.1.0", "environment", "STAGING", "container", Map.of(
                        "imageName", "x", "imageTag", "1", "containerName", "etl", "autoScalingEnabled", false)))
                .post("/tenants/acme/deployments/preview").then().statusCode(200).extract().asString();
        assertThat(noHpa).doesNotContain("HorizontalPodAutoscaler");
    }

    /** A tenant with one requested deployment (no cluster here: it stays REQUESTED). */
    private String tenantWithADeployment(String tenant) {
        String component = newId("etl");
        tenantWithGrant(tenant, component, 2, ComponentStatus.ACTIVE);
        return as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments")
                .then().statusCode(202).extract().path("deploymentId");
    }

    private static void unchanged(String tenant, String deploymentId) {
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].deploymentId", equalTo(deploymentId)).body("[0].status", equalTo("REQUESTED"));
    }

    @Test
    void everyEndpointWantsAToken() {
        String tenant = newId("t");
        String id = tenantWithADeployment(tenant);
        var anonymous = given().contentType(ContentType.JSON);
        anonymous.body(body("etl", "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(401);
        given().contentType(ContentType.JSON).body(body("etl", "STAGING")).post("/tenants/" + tenant + "/deployments/preview").then().statusCode(401);
        given().get("/tenants/" + tenant + "/deployments").then().statusCode(401);
        given().get("/deployments/" + id).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of()).post("/deployments/" + id + "/rollback").then().statusCode(401);
        given().get("/tenants/" + tenant + "/metrics").then().statusCode(401);
        given().post("/admin/read-models/rebuild").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-jwt").get("/tenants/" + tenant + "/deployments").then().statusCode(401);
        unchanged(tenant, id);
    }

    @Test
    void anotherTenantsTokenSeesNothingAndChangesNothing() {
        String tenant = newId("t");
        String id = tenantWithADeployment(tenant);
        for (String role : List.of("tenant-admin", "tenant-user")) {
            String other = TestTokens.issue(role, "other-tenant");
            // a tenant-user may not deploy or roll back at all (403 by role); a tenant-admin learns nothing (404)
            int write = role.equals("tenant-admin") ? 404 : 403;
            as(other).body(body("etl", "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(write)
                    .contentType("application/problem+json");
            as(other).body(body("etl", "STAGING")).post("/tenants/" + tenant + "/deployments/preview").then().statusCode(404)
                    .contentType("application/problem+json");
            as(other).get("/tenants/" + tenant + "/deployments").then().statusCode(404);
            as(other).get("/deployments/" + id).then().statusCode(404);
            as(other).body(Map.of()).post("/deployments/" + id + "/rollback").then().statusCode(write);
            as(other).get("/tenants/" + tenant + "/metrics").then().statusCode(404);
            as(other).post("/admin/read-models/rebuild").then().statusCode(403);
        }
        // the tenant's own users read but do not change; auditors read everything and change nothing
        as(TestTokens.tenantUser(tenant)).body(body("etl", "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(403);
        as(TestTokens.tenantUser(tenant)).body(Map.of()).post("/deployments/" + id + "/rollback").then().statusCode(403);
        as(TestTokens.tenantUser(tenant)).get("/tenants/" + tenant + "/metrics").then().statusCode(200).body("tenantId", equalTo(tenant));
        as(TestTokens.auditor()).get("/deployments/" + id).then().statusCode(200);
        as(TestTokens.auditor()).body(body("etl", "STAGING")).post("/tenants/" + tenant + "/deployments").then().statusCode(403);
        unchanged(tenant, id);
    }

    @Test
    void badInputOnEveryEndpointIs400NamingTheFieldAndChangesNothing() {
        String tenant = newId("t");
        String id = tenantWithADeployment(tenant);
        String admin = TestTokens.platformAdmin();
        invalid(as(admin).body(body("etl", "STAGING")).post("/tenants/Not_A_Tenant/deployments"), "tenantId");
        invalid(as(admin).body(Map.of("componentId", "etl", "componentVersion", "1.0", "environment", "STAGING",
                "container", Map.of("imageName", "x", "imageTag", "1", "containerName", "etl"))).post("/tenants/" + tenant + "/deployments"),
                "componentVersion");
        invalid(as(admin).body(Map.of("componentId", "etl", "componentVersion", "1.0.0", "environment", "STAGING",
                "container", Map.of("imageName", "x", "imageTag", "1", "containerName", "etl", "minReplicas", "2")))
                .post("/tenants/" + tenant + "/deployments"), "container.minReplicas");
        invalid(as(admin).body(Map.of("componentId", "etl", "componentVersion", "1.0.0", "environment", "NOWHERE",
                "container", Map.of("imageName", "x", "imageTag", "1", "containerName", "etl"))).post("/tenants/" + tenant + "/deployments"),
                "environment");
        as(admin).body("{\"componentId\": ").post("/tenants/" + tenant + "/deployments").then().statusCode(400)
                .contentType("application/problem+json");
        as(admin).post("/tenants/" + tenant + "/deployments").then().statusCode(400).contentType("application/problem+json");
        invalid(as(admin).body(Map.of("componentId", "etl", "componentVersion", "1.0.0", "environment", "STAGING",
                "container", Map.of("imageName", "x", "imageTag", "1", "containerName", "etl", "memoryGb", 0)))
                .post("/tenants/" + tenant + "/deployments/preview"), "container.memoryGb");
        invalid(as(admin).body(body("etl", "STAGING")).post("/tenants/" + "x".repeat(33) + "/deployments/preview"), "tenantId");
        invalid(as(admin).get("/tenants/ACME/deployments"), "tenantId");
        invalid(as(admin).get("/deployments/not-a-uuid"), "deploymentId");
        invalid(as(admin).body(Map.of()).post("/deployments/not-a-uuid/rollback"), "deploymentId");
        invalid(as(admin).body(Map.of("reason", "x".repeat(1001))).post("/deployments/" + id + "/rollback"), "reason");
        invalid(as(admin).body(Map.of("reason", 5)).post("/deployments/" + id + "/rollback"), "reason");
        invalid(as(admin).body(Map.of("because", "x")).post("/deployments/" + id + "/rollback"), "because");
        invalid(as(admin).get("/tenants/-bad-/metrics"), "tenantId");
        unchanged(tenant, id);
    }

    private static void invalid(io.restassured.response.Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    @Test
    void rollbackOfAFirstDeploymentInProgressAbortsItOnce() {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 2, ComponentStatus.ACTIVE);
        String id = as(TestTokens.platformAdmin()).body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments")
                .then().statusCode(202).extract().path("deploymentId");
        // Issue 12: a first deployment has nothing to roll back to; until DEPLOYED it is aborted instead.
        as(TestTokens.platformAdmin()).body(Map.of("reason", "oops")).post("/deployments/" + id + "/rollback").then()
                .statusCode(200).body("status", equalTo("FAILED")).body("error", equalTo("Aborted: oops"));
        as(TestTokens.platformAdmin()).body(Map.of("reason", "oops")).post("/deployments/" + id + "/rollback").then()
                .statusCode(409).body("detail", containsString("already FAILED"));
        as(TestTokens.platformAdmin()).body(Map.of()).post("/deployments/" + UUID.randomUUID() + "/rollback").then().statusCode(404);
    }

    @Test
    void ofTwoConcurrentRolloutsOfOneComponentOneIsAcceptedAndOneRefused() throws Exception {
        String tenant = newId("t");
        String component = newId("etl");
        tenantWithGrant(tenant, component, 5, ComponentStatus.ACTIVE);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var calls = java.util.stream.IntStream.range(0, 2).mapToObj(i -> pool.submit(() -> as(TestTokens.platformAdmin())
                    .body(body(component, "STAGING")).post("/tenants/" + tenant + "/deployments").statusCode())).toList();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        } finally {
            pool.shutdownNow();
        }
        as(TestTokens.platformAdmin()).get("/tenants/" + tenant + "/deployments").then().body("size()", equalTo(1));
    }
}
