package io.modulardata.registry.grant;

import static io.modulardata.registry.support.RegistryApi.as;
import static io.modulardata.registry.support.RegistryApi.asAdmin;
import static io.modulardata.registry.support.RegistryApi.grant;
import static io.modulardata.registry.support.RegistryApi.newComponentId;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerComponent;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.registry.support.RegistryEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class GrantAndDiscoveryApiTest {

    @Test
    void grantsOnceAndRevokesWithEventsOnTheTenantAggregate() {
        String tenantId = newTenantId();
        String componentId = newComponentId();
        registerTenant(tenantId);
        registerComponent(componentId, "1.0.0", List.of("transform"), List.of("csv"), "public");
        String key = componentId + "-1.0.0";

        try (EventProbe events = RegistryEvents.probe()) {
            grant(tenantId, key).statusCode(201).body("componentKey", equalTo(key)).body("grantedBy", equalTo("test-platform-admin"));
            grant(tenantId, key).statusCode(200);
            asAdmin().delete("/tenants/{t}/grants/{k}", tenantId, key).then().statusCode(204);
            asAdmin().delete("/tenants/{t}/grants/{k}", tenantId, key).then().statusCode(404).contentType("application/problem+json");

            events.await(e -> e.type().endsWith("ComponentAccessRevoked") && tenantId.equals(e.field("tenantId")), Duration.ofSeconds(20));
            List<RecordedEvent> mine = events.collect(Duration.ofMillis(500)).stream()
                    .filter(e -> tenantId.equals(e.field("aggregateId"))).toList();
            assertThat(mine).extracting(RecordedEvent::type).containsExactly(
                    "io.modulardata.events.TenantRegistered",
                    "io.modulardata.events.ComponentAccessGranted",
                    "io.modulardata.events.ComponentAccessRevoked");
            assertThat(mine).extracting(e -> e.value().get("aggregateVersion")).containsExactly(1L, 2L, 3L);
        }
        asAdmin().get("/tenants/{t}", tenantId).then().body("version", equalTo(3));
    }

    @Test
    void grantNeedsAnExistingTenantAndAGrantableComponent() {
        String tenantId = newTenantId();
        String componentId = newComponentId();
        registerTenant(tenantId);
        registerComponent(componentId, "1.0.0", List.of("transform"), List.of("csv"), "public");
        grant(newTenantId(), componentId + "-1.0.0").statusCode(404);
        grant(tenantId, componentId + "-9.9.9").statusCode(404);
        asAdmin().body(Map.of("status", "SUNSET")).put("/components/{id}/versions/1.0.0/status", componentId).then().statusCode(200);
        grant(tenantId, componentId + "-1.0.0").statusCode(409).contentType("application/problem+json");
        as(TestTokens.tenantAdmin(tenantId)).put("/tenants/{t}/grants/{k}", tenantId, componentId + "-1.0.0").then().statusCode(403);
    }

    @Test
    void discoveryMatchesCapabilitiesFormatsAndClearanceOverGrantsOnly() {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        String etl = newComponentId();
        String stream = newComponentId();
        String secret = newComponentId();
        String notGranted = newComponentId();
        registerComponent(etl, "1.0.0", List.of("transform", "validate"), List.of("csv", "parquet"), "internal");
        registerComponent(etl, "1.2.0", List.of("transform", "validate"), List.of("csv", "parquet"), "internal");
        registerComponent(stream, "3.0.0", List.of("transform", "stream"), List.of("avro"), "public");
        registerComponent(secret, "1.0.0", List.of("transform"), List.of("csv"), "restricted");
        registerComponent(notGranted, "1.0.0", List.of("transform"), List.of("csv"), "restricted");
        for (String key : List.of(etl + "-1.0.0", etl + "-1.2.0", stream + "-3.0.0", secret + "-1.0.0")) {
            grant(tenantId, key).statusCode(201);
        }

        String user = TestTokens.tenantUser(tenantId);
        as(user).queryParam("capability", "transform").get("/tenants/{t}/components", tenantId)
                .then().statusCode(200).body("componentKey.size()", equalTo(4))
                .body("componentKey", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(notGranted + "-1.0.0")));
        as(user).queryParam("capability", "transform").queryParam("capability", "validate")
                .get("/tenants/{t}/components", tenantId)
                .then().body("componentKey", equalTo(List.of(etl + "-1.2.0", etl + "-1.0.0")));
        as(user).queryParam("dataFormat", "avro").queryParam("dataFormat", "json").get("/tenants/{t}/components", tenantId)
                .then().body("componentKey", equalTo(List.of(stream + "-3.0.0")));
        as(user).queryParam("minClearance", "confidential").get("/tenants/{t}/components", tenantId)
                .then().body("componentKey", equalTo(List.of(secret + "-1.0.0")));
        as(user).queryParam("capability", "Validate").queryParam("minClearance", "internal").get("/tenants/{t}/components", tenantId)
                .then().body("componentKey", equalTo(List.of(etl + "-1.2.0", etl + "-1.0.0")));
        as(user).queryParam("capability", "teleport").get("/tenants/{t}/components", tenantId).then().body("$", empty());
        // Discovery reads its rows apart from the component API: both must answer a version alike, field for field.
        Map<String, Object> discovered = as(user).queryParam("capability", "stream").get("/tenants/{t}/components", tenantId)
                .then().extract().jsonPath().getMap("[0]");
        Map<String, Object> registered = asAdmin().get("/components/{id}/versions/3.0.0", stream)
                .then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(discovered).isNotEmpty().isEqualTo(registered);
        as(user).queryParam("minClearance", "secret").get("/tenants/{t}/components", tenantId)
                .then().statusCode(400).body("field", equalTo("minClearance"));

        asAdmin().body(Map.of("status", "SUNSET")).put("/components/{id}/versions/1.0.0/status", secret).then().statusCode(200);
        as(user).queryParam("minClearance", "confidential").get("/tenants/{t}/components", tenantId).then().body("$", empty());
    }

    @Test
    void discoveryAndGrantsAreTenantPrivate() {
        String mine = newTenantId();
        String theirs = newTenantId();
        registerTenant(mine);
        registerTenant(theirs);
        as(TestTokens.tenantUser(mine)).get("/tenants/{t}/components", theirs).then().statusCode(404);
        as(TestTokens.tenantUser(mine)).get("/tenants/{t}/grants", theirs).then().statusCode(404);
        as(TestTokens.tenantUser(mine)).get("/tenants/{t}/grants", mine).then().statusCode(200);
        as(TestTokens.tenantUser(mine)).get("/tenants/{t}/components", mine).then().statusCode(200).body("$", empty());
        asAdmin().get("/tenants/{t}/components", newTenantId()).then().statusCode(404).contentType("application/problem+json");
        io.restassured.RestAssured.given().get("/tenants/{t}/components", mine).then().statusCode(401);
    }
}
