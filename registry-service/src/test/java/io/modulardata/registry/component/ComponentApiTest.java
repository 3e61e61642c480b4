package io.modulardata.registry.component;

import static io.modulardata.registry.support.RegistryApi.asAdmin;
import static io.modulardata.registry.support.RegistryApi.componentBody;
import static io.modulardata.registry.support.RegistryApi.newComponentId;
import static io.modulardata.registry.support.RegistryApi.registerComponent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.registry.support.RegistryApi;
import io.modulardata.registry.support.RegistryEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class ComponentApiTest {

    @Test
    void registersComponentWithKeyHashAndEvent() {
        String id = newComponentId();
        try (EventProbe events = RegistryEvents.probe()) {
            registerComponent(id, "2.1.0", List.of("transform", "validate"), List.of("parquet"), "confidential")
                    .header("Location", org.hamcrest.Matchers.endsWith("/components/" + id + "/versions/2.1.0"))
                    .body("componentKey", equalTo(id + "-2.1.0"))
                    .body("componentHash", equalTo(ComponentKeys.hash(id, "2.1.0", List.of("transform", "validate"))))
                    .body("status", equalTo("ACTIVE"))
                    .body("securityClearanceLevel", equalTo("confidential"))
                    .body("dataLineageTracking", equalTo(true))
                    .body("resourceRequirements.memory", equalTo("4Gi"));

            RecordedEvent event = events.await(e -> (id + "-2.1.0").equals(e.field("aggregateId")), Duration.ofSeconds(20));
            assertThat(event.type()).isEqualTo("io.modulardata.events.ComponentRegistered");
            assertThat(event.key()).isEqualTo("platform");
            assertThat(event.field("securityClearanceLevel")).isEqualTo("CONFIDENTIAL");
            assertThat(event.field("dataProcessingCapabilities")).isEqualTo("[transform, validate]");
        }
    }

    /** Issue 11: the images a deployment of the version may run travel with ComponentRegistered. */
    @Test
    void registersTheContainerImagesAVersionMayRun() {
        String id = newComponentId();
        List<String> images = List.of("registry.example.com/data/" + id, "registry.example.com/data/" + id + "-sidecar:1.0.0");
        Map<String, Object> body = new HashMap<>(componentBody(id, "1.0.0", List.of("transform"), List.of("csv"), "public"));
        body.put("containerImages", images);
        try (EventProbe events = RegistryEvents.probe()) {
            asAdmin().body(body).post("/components").then().statusCode(201).body("containerImages", equalTo(images));
            RecordedEvent event = events.await(e -> (id + "-1.0.0").equals(e.field("aggregateId")), Duration.ofSeconds(20));
            assertThat(event.field("containerImages")).isEqualTo("[" + String.join(", ", images) + "]");
        }
        asAdmin().get("/components/{id}/versions/1.0.0", id).then().statusCode(200).body("containerImages", equalTo(images));
        // a version registered without images declares none (and cannot be deployed)
        registerComponent(id, "1.0.1", List.of("transform"), List.of("csv"), "public").body("containerImages", equalTo(List.of()));

        body.put("componentVersion", "1.0.2");
        body.put("containerImages", List.of("registry.example.com/data/" + id, "Not An Image"));
        asAdmin().body(body).post("/components").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("containerImages[1]"));
        asAdmin().get("/components/{id}/versions/1.0.2", id).then().statusCode(404);
    }

    @Test
    void aVersionIsImmutable() {
        String id = newComponentId();
        registerComponent(id, "1.0.0", List.of("transform"), List.of("csv"), "public");
        asAdmin().body(componentBody(id, "1.0.0", List.of("other"), List.of("json"), "public")).post("/components")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void dependenciesMustBeRegistered() {
        String base = newComponentId();
        registerComponent(base, "1.0.0", List.of("read"), List.of("csv"), "public");
        String id = newComponentId();
        Map<String, Object> body = new HashMap<>(componentBody(id, "1.0.0", List.of("transform"), List.of("csv"), "public"));

        body.put("dependencies", List.of(base, base + "@9.9.9"));
        asAdmin().body(body).post("/components")
                .then().statusCode(422).contentType("application/problem+json").body("field", equalTo("dependencies[1]"));

        body.put("dependencies", List.of(base, base + "@1.0.0"));
        asAdmin().body(body).post("/components").then().statusCode(201)
                .body("dependencies", equalTo(List.of(base, base + "@1.0.0")));
    }

    @Test
    void listsVersionsInSemanticVersionOrder() {
        String id = newComponentId();
        for (String version : List.of("1.10.0", "1.2.0", "2.0.0", "1.2.0-beta.1")) {
            registerComponent(id, version, List.of("transform"), List.of("csv"), "public");
        }
        asAdmin().get("/components/{id}/versions", id).then().statusCode(200)
                .body("componentVersion", equalTo(List.of("1.2.0-beta.1", "1.2.0", "1.10.0", "2.0.0")));
        asAdmin().get("/components/{id}/versions/{v}", id, "1.10.0").then().statusCode(200).body("componentKey", equalTo(id + "-1.10.0"));
        asAdmin().get("/components/{id}/versions/{v}", id, "3.0.0").then().statusCode(404).contentType("application/problem+json");
        asAdmin().get("/components/{id}/versions", newComponentId()).then().statusCode(404);
    }

    @Test
    void lifecycleMovesOnlyForward() {
        String id = newComponentId();
        registerComponent(id, "1.0.0", List.of("transform"), List.of("csv"), "public");
        try (EventProbe events = RegistryEvents.probe()) {
            asAdmin().body(Map.of("status", "DEPRECATED")).put("/components/{id}/versions/1.0.0/status", id)
                    .then().statusCode(200).body("status", equalTo("DEPRECATED")).body("version", equalTo(2));
            RecordedEvent changed = events.await(e -> e.type().endsWith("ComponentStatusChanged")
                    && (id + "-1.0.0").equals(e.field("aggregateId")), Duration.ofSeconds(20));
            assertThat(changed.field("previousStatus")).isEqualTo("ACTIVE");
            assertThat(changed.field("newStatus")).isEqualTo("DEPRECATED");
        }
        asAdmin().body(Map.of("status", "ACTIVE")).put("/components/{id}/versions/1.0.0/status", id)
                .then().statusCode(409).contentType("application/problem+json");
        asAdmin().body(Map.of("status", "DEPRECATED")).put("/components/{id}/versions/1.0.0/status", id).then().statusCode(409);
        asAdmin().body(Map.of("status", "GONE")).put("/components/{id}/versions/1.0.0/status", id)
                .then().statusCode(400).body("field", equalTo("status"));
        asAdmin().body(Map.of("status", "ARCHIVED")).put("/components/{id}/versions/1.0.0/status", id)
                .then().statusCode(200).body("status", equalTo("ARCHIVED"));
    }

    @Test
    void rejectsInvalidComponentsNamingTheField() {
        Map<String, Object> body = new HashMap<>(componentBody(newComponentId(), "1.0.0", List.of(), List.of("csv"), "public"));
        asAdmin().body(body).post("/components").then().statusCode(400).body("field", equalTo("dataProcessingCapabilities"));
        body.put("dataProcessingCapabilities", List.of("transform"));
        body.put("securityClearanceLevel", "top-secret");
        asAdmin().body(body).post("/components").then().statusCode(400).body("field", equalTo("securityClearanceLevel"));
        body.put("securityClearanceLevel", "public");
        body.put("componentVersion", "1.0");
        asAdmin().body(body).post("/components").then().statusCode(400).body("field", equalTo("componentVersion"));
    }

    @Test
    void onlyPlatformAdminsManageTheCatalogue() {
        String id = newComponentId();
        RegistryApi.as(TestTokens.tenantAdmin("acme")).body(componentBody(id, "1.0.0", List.of("t"), List.of("csv"), "public"))
                .post("/components").then().statusCode(403);
        RegistryApi.as(TestTokens.tenantUser("acme")).get("/components/{id}/versions", id).then().statusCode(403);
    }
}
