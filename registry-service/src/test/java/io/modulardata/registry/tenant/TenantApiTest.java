package io.modulardata.registry.tenant;

import static io.modulardata.registry.support.RegistryApi.as;
import static io.modulardata.registry.support.RegistryApi.asAdmin;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static io.modulardata.registry.support.RegistryApi.tenantBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.registry.support.RegistryEvents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class TenantApiTest {

    @Test
    void registersTenantAndPublishesTenantRegistered() {
        String tenantId = newTenantId();
        String correlationId = "corr-" + UUID.randomUUID();
        try (EventProbe events = RegistryEvents.probe()) {
            asAdmin().header("X-Correlation-Id", correlationId).body(tenantBody(tenantId))
                    .post("/tenants")
                    .then().statusCode(201)
                    .header("Location", org.hamcrest.Matchers.endsWith("/tenants/" + tenantId))
                    .header("X-Correlation-Id", correlationId)
                    .body("tenantId", equalTo(tenantId))
                    .body("dataProcessingTier", equalTo("PROFESSIONAL"))
                    .body("maxMonthlyProcessingHours", equalTo(null))
                    .body("customDataProcessingLimits.maxRowsPerJob", equalTo(1000000))
                    .body("version", equalTo(1));

            RecordedEvent event = events.await(e -> tenantId.equals(e.field("aggregateId")), Duration.ofSeconds(20));
            assertThat(event.type()).isEqualTo("io.modulardata.events.TenantRegistered");
            assertThat(event.key()).isEqualTo(tenantId);
            assertThat(event.field("tenantId")).isEqualTo(tenantId);
            assertThat(event.field("actor")).isEqualTo("test-platform-admin");
            assertThat(event.field("correlationId")).isEqualTo(correlationId);
            assertThat(event.value().get("aggregateVersion")).isEqualTo(1L);
            assertThat(UUID.fromString(event.eventId())).isNotNull();
            assertThat(event.field("tenantName")).isEqualTo("Tenant " + tenantId);
            assertThat(event.field("allowedDataEnvironments")).isEqualTo("[DEVELOPMENT, STAGING]");
        }
        asAdmin().get("/tenants/{id}", tenantId).then().statusCode(200).body("tenantName", equalTo("Tenant " + tenantId));
    }

    @Test
    void rejectsDuplicateTenantWithConflict() {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        asAdmin().body(tenantBody(tenantId)).post("/tenants")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
    }

    static List<Arguments> invalidTenants() {
        return List.of(
                Arguments.of("maxConcurrentJobs", 0),
                Arguments.of("maxConcurrentJobs", -1),
                Arguments.of("maxConcurrentJobs", "5"),
                Arguments.of("maxConcurrentJobs", 2.5),
                Arguments.of("maxMonthlyProcessingHours", 0),
                Arguments.of("dataStorageQuotaGb", -10),
                Arguments.of("dataProcessingTier", "PLATINUM"),
                Arguments.of("allowedDataEnvironments", List.of("MOON")),
                Arguments.of("allowedDataEnvironments", List.of()),
                Arguments.of("allowedDataEnvironments", "DEVELOPMENT"),
                Arguments.of("tenantName", ""),
                Arguments.of("tenantName", 42),
                Arguments.of("tenantName", "x".repeat(201)),
                Arguments.of("unexpectedField", true));
    }

    @ParameterizedTest
    @MethodSource("invalidTenants")
    void rejectsBadFieldWithProblemNamingItAndWritesNothing(String field, Object value) {
        String tenantId = newTenantId();
        Map<String, Object> body = new HashMap<>(tenantBody(tenantId));
        body.put(field, value);
        asAdmin().body(body).post("/tenants")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", org.hamcrest.Matchers.startsWith(field))
                .body("detail", not(org.hamcrest.Matchers.containsString("Exception")));
        asAdmin().get("/tenants/{id}", tenantId).then().statusCode(404);
    }

    @Test
    void rejectsMissingFieldsAndMalformedJson() {
        asAdmin().body(Map.of("tenantId", newTenantId())).post("/tenants")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("tenantName"))
                .body("errors.field", hasItem("maxConcurrentJobs"));
        asAdmin().body("{\"tenantId\": \"abc\",").post("/tenants")
                .then().statusCode(400).contentType("application/problem+json");
        asAdmin().body("").post("/tenants")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        asAdmin().body("{\"tenantId\": \"" + "a".repeat(300_000) + "\"}").post("/tenants")
                .then().statusCode(413).contentType("application/problem+json");
        asAdmin().header("X-Correlation-Id", "not valid!").body(tenantBody(newTenantId())).post("/tenants")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("X-Correlation-Id"));
    }

    @Test
    void reconfigurationPublishesOnlyRealChanges() {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        Map<String, Object> body = new HashMap<>(tenantBody(tenantId));
        body.put("maxConcurrentJobs", 7);
        body.put("dataProcessingTier", "ENTERPRISE");
        try (EventProbe events = RegistryEvents.probe()) {
            asAdmin().body(body).put("/tenants/{id}", tenantId)
                    .then().statusCode(200).body("maxConcurrentJobs", equalTo(7)).body("version", equalTo(2));
            RecordedEvent changed = events.await(e -> tenantId.equals(e.field("aggregateId"))
                    && e.type().endsWith("TenantConfigurationChanged"), Duration.ofSeconds(20));
            assertThat(changed.field("changedFields")).isEqualTo("[dataProcessingTier, maxConcurrentJobs]");
            assertThat(changed.value().get("aggregateVersion")).isEqualTo(2L);

            asAdmin().body(body).put("/tenants/{id}", tenantId).then().statusCode(200).body("version", equalTo(2));
        }
        body.remove("tenantId");
        asAdmin().body(body).put("/tenants/{id}", newTenantId()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void requiresAValidTokenAndTheRightRole() {
        given().contentType(ContentType.JSON).body(tenantBody(newTenantId())).post("/tenants")
                .then().statusCode(401);
        given().get("/tenants").then().statusCode(401);
        as(TestTokens.signedByStranger("platform-admin")).get("/tenants").then().statusCode(401);
        as(TestTokens.tenantAdmin("acme")).body(tenantBody(newTenantId())).post("/tenants")
                .then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.auditor()).body(tenantBody(newTenantId())).post("/tenants").then().statusCode(403);
    }

    @Test
    void tenantScopedTokensSeeOnlyTheirOwnTenant() {
        String mine = newTenantId();
        String theirs = newTenantId();
        registerTenant(mine);
        registerTenant(theirs);

        as(TestTokens.tenantUser(mine)).get("/tenants/{id}", mine).then().statusCode(200);
        as(TestTokens.tenantUser(mine)).get("/tenants/{id}", theirs)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", not(org.hamcrest.Matchers.containsString("Tenant " + theirs)));
        as(TestTokens.tenantAdmin(mine)).get("/tenants").then().statusCode(200)
                .body("tenantId", equalTo(List.of(mine)));
        as(TestTokens.auditor()).get("/tenants").then().statusCode(200).body("tenantId", hasItem(theirs));
    }

    @Test
    void hostileInputIsA400NamingTheFieldAndChangesNothing() {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        // NUL in a path value used to reach PostgreSQL as a lookup key and answer 500.
        asAdmin().urlEncodingEnabled(false).get("/tenants/a%00b")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("tenantId"));
        // A lone surrogate used to be stored as '?', a NUL to fail the update with a 500.
        for (String name : List.of("a\\ud800b", "a\\u0000b")) {
            asAdmin().contentType(ContentType.JSON).body("{\"tenantName\": \"" + name + "\", \"dataProcessingTier\": \"BASIC\","
                    + " \"maxConcurrentJobs\": 1, \"allowedDataEnvironments\": [\"DEVELOPMENT\"]}")
                    .put("/tenants/" + tenantId)
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("tenantName"));
        }
        // A number too large for its field used to be a 400 that named nothing.
        asAdmin().contentType(ContentType.JSON).body("{\"tenantName\": \"x\", \"dataProcessingTier\": \"BASIC\","
                + " \"maxConcurrentJobs\": 2147483648, \"allowedDataEnvironments\": [\"DEVELOPMENT\"]}")
                .put("/tenants/" + tenantId)
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("maxConcurrentJobs"));
        asAdmin().get("/tenants/" + tenantId).then().statusCode(200).body("tenantName", equalTo("Tenant " + tenantId));
    }
}
