package io.modulardata.registry.vocabulary;

import static io.modulardata.registry.support.RegistryApi.as;
import static io.modulardata.registry.support.RegistryApi.asAdmin;
import static io.modulardata.registry.support.RegistryApi.componentBody;
import static io.modulardata.registry.support.RegistryApi.grant;
import static io.modulardata.registry.support.RegistryApi.newComponentId;
import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerComponent;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static io.modulardata.registry.support.RegistryApi.tenantBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.events.ComponentRegistered;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.SecurityClearance;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.kit.eventstore.EventStore;
import io.modulardata.kit.events.EventMetadata;
import io.modulardata.registry.component.ComponentEvents;
import io.modulardata.registry.support.RegistryEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * People come from the original platform with its data: its enum values (Python enums, lowercase
 * snake_case), capabilities and formats in any letter case. The API takes them; events and answers
 * carry our spelling.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class OriginalVocabularyTest {

    @Inject
    EventStore eventStore;

    @Test
    void aTenantInTheOriginalsSpellingIsPublishedAndAnsweredInOurs() {
        String tenantId = newTenantId();
        Map<String, Object> body = new HashMap<>(tenantBody(tenantId));
        body.put("dataProcessingTier", "professional");
        body.put("allowedDataEnvironments", List.of("development", "Disaster-Recovery"));
        try (EventProbe events = RegistryEvents.probe()) {
            asAdmin().body(body).post("/tenants").then().statusCode(201)
                    .body("dataProcessingTier", equalTo("PROFESSIONAL"))
                    .body("allowedDataEnvironments", equalTo(List.of("DEVELOPMENT", "DISASTER_RECOVERY")));
            RecordedEvent registered = events.await(e -> tenantId.equals(e.field("aggregateId")), Duration.ofSeconds(20));
            assertThat(registered.field("dataProcessingTier")).isEqualTo("PROFESSIONAL");
            assertThat(registered.field("allowedDataEnvironments")).isEqualTo("[DEVELOPMENT, DISASTER_RECOVERY]");

            // The same configuration in another spelling changes nothing; a new tier in any case does.
            body.put("dataProcessingTier", "PROFESSIONAL");
            body.put("allowedDataEnvironments", List.of("DEVELOPMENT", "disaster recovery"));
            asAdmin().body(body).put("/tenants/{t}", tenantId).then().statusCode(200).body("version", equalTo(1));
            body.put("dataProcessingTier", "Enterprise");
            asAdmin().body(body).put("/tenants/{t}", tenantId).then().statusCode(200)
                    .body("dataProcessingTier", equalTo("ENTERPRISE")).body("version", equalTo(2));
            RecordedEvent changed = events.await(e -> tenantId.equals(e.field("aggregateId"))
                    && e.type().endsWith("TenantConfigurationChanged"), Duration.ofSeconds(20));
            assertThat(changed.field("dataProcessingTier")).isEqualTo("ENTERPRISE");
            assertThat(changed.field("changedFields")).isEqualTo("[dataProcessingTier]");
        }
        asAdmin().get("/tenants/{t}", tenantId).then().statusCode(200).body("dataProcessingTier", equalTo("ENTERPRISE"));
    }

    @Test
    void anUnknownValueIsStillA400ListingOurSpellings() {
        String tenantId = newTenantId();
        Map<String, Object> body = new HashMap<>(tenantBody(tenantId));
        body.put("dataProcessingTier", "platinum");
        asAdmin().body(body).post("/tenants").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("dataProcessingTier"))
                .body("detail", containsString("allowed: BASIC, PROFESSIONAL, ENTERPRISE, CUSTOM"));
        body.put("dataProcessingTier", "basic");
        body.put("allowedDataEnvironments", List.of("staging", "STAGING"));
        asAdmin().body(body).post("/tenants").then().statusCode(400).body("field", equalTo("allowedDataEnvironments[1]"));
        asAdmin().get("/tenants/{t}", tenantId).then().statusCode(404);
    }

    @Test
    void aComponentInTheOriginalsSpellingIsStoredInOursAndKeepsTheOriginalsHash() throws Exception {
        String id = newComponentId();
        try (EventProbe events = RegistryEvents.probe()) {
            registerComponent(id, "1.0.0", List.of("Transform", "Validate"), List.of("Parquet", "CSV"), "Internal")
                    .body("dataProcessingCapabilities", equalTo(List.of("transform", "validate")))
                    .body("supportedDataFormats", equalTo(List.of("parquet", "csv")))
                    .body("securityClearanceLevel", equalTo("internal"))
                    // The original hashed the capabilities as given: "{id}-{version}-['Transform', 'Validate']".
                    .body("componentHash", equalTo(originalHash(id + "-1.0.0-['Transform', 'Validate']")));
            RecordedEvent registered = events.await(e -> (id + "-1.0.0").equals(e.field("aggregateId")), Duration.ofSeconds(20));
            assertThat(registered.field("dataProcessingCapabilities")).isEqualTo("[transform, validate]");
            assertThat(registered.field("supportedDataFormats")).isEqualTo("[parquet, csv]");
            assertThat(registered.field("securityClearanceLevel")).isEqualTo("INTERNAL");
            assertThat(registered.field("componentHash")).isEqualTo(originalHash(id + "-1.0.0-['Transform', 'Validate']"));

            asAdmin().body(Map.of("status", "deprecated")).put("/components/{id}/versions/1.0.0/status", id)
                    .then().statusCode(200).body("status", equalTo("DEPRECATED"));
            RecordedEvent changed = events.await(e -> (id + "-1.0.0").equals(e.field("aggregateId"))
                    && e.type().endsWith("ComponentStatusChanged"), Duration.ofSeconds(20));
            assertThat(changed.field("newStatus")).isEqualTo("DEPRECATED");
        }
        asAdmin().get("/components/{id}/versions/1.0.0", id).then().statusCode(200)
                .body("dataProcessingCapabilities", equalTo(List.of("transform", "validate")))
                .body("status", equalTo("DEPRECATED"));
    }

    @Test
    void capabilitiesThatDifferOnlyInLetterCaseAreRefused() {
        String id = newComponentId();
        asAdmin().body(componentBody(id, "1.0.0", List.of("transform", "Transform"), List.of("csv"), "public"))
                .post("/components").then().statusCode(400).body("field", equalTo("dataProcessingCapabilities[1]"));
        asAdmin().body(componentBody(id, "1.0.0", List.of("transform"), List.of("PARQUET", "parquet"), "public"))
                .post("/components").then().statusCode(400).body("field", equalTo("supportedDataFormats[1]"));
        asAdmin().get("/components/{id}/versions/1.0.0", id).then().statusCode(404);
    }

    @Test
    void discoveryIgnoresLetterCaseAndTakesTheOriginalsClearance() {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        String id = newComponentId();
        registerComponent(id, "1.0.0", List.of("Transform"), List.of("Parquet"), "confidential");
        grant(tenantId, id + "-1.0.0").statusCode(201);

        for (String query : List.of("?dataFormat=parquet", "?dataFormat=PARQUET", "?capability=TRANSFORM&dataFormat=Parquet",
                "?capability=transform&minClearance=Internal", "?minClearance=CONFIDENTIAL")) {
            as(TestTokens.tenantUser(tenantId)).get("/tenants/{t}/components" + query, tenantId).then().statusCode(200)
                    .body("componentKey", equalTo(List.of(id + "-1.0.0")))
                    .body("supportedDataFormats", equalTo(List.of(List.of("parquet"))));
        }
        as(TestTokens.tenantUser(tenantId)).get("/tenants/{t}/components?minClearance=Restricted", tenantId).then().statusCode(200)
                .body("componentKey", equalTo(List.of()));
        as(TestTokens.tenantUser(tenantId)).get("/tenants/{t}/components?minClearance=secret", tenantId).then().statusCode(400)
                .body("field", equalTo("minClearance")).body("detail", containsString("public, internal, confidential, restricted"));
    }

    @Test
    void aRebuildReadsMixedCaseEventsFromTheLogInOurSpelling() throws Throwable {
        String tenantId = newTenantId();
        registerTenant(tenantId);
        String id = newComponentId();
        String key = id + "-1.0.0";
        String hash = originalHash(key + "-['Transform', 'Validate']");
        // An event as an earlier version (or an import of the original's data) recorded it, with the letter case as given.
        ComponentRegistered event = new ComponentRegistered();
        event.setComponentId(id);
        event.setComponentName("Imported " + id);
        event.setComponentVersion("1.0.0");
        event.setComponentKey(key);
        event.setComponentHash(hash);
        event.setDataProcessingCapabilities(List.of("Transform", "Validate", "transform"));
        event.setSupportedDataFormats(List.of("Parquet"));
        event.setResourceRequirements(Map.of());
        event.setSecurityClearanceLevel(SecurityClearance.INTERNAL);
        event.setComplianceCertifications(List.of());
        event.setDependencies(List.of());
        event.setContainerImages(List.of());
        event.setDataLineageTracking(true);
        event.setStatus(ComponentStatus.ACTIVE);
        new EventMetadata(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "platform", "import",
                "import-" + id, key, 1).stamp(event);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> eventStore.append(ComponentEvents.AGGREGATE_TYPE, 0, List.of(event))));

        asAdmin().post("/admin/read-models/rebuild").then().statusCode(200);

        asAdmin().get("/components/{id}/versions/1.0.0", id).then().statusCode(200)
                .body("dataProcessingCapabilities", equalTo(List.of("transform", "validate")))
                .body("supportedDataFormats", equalTo(List.of("parquet")))
                .body("componentHash", equalTo(hash));
        grant(tenantId, key).statusCode(201);
        as(TestTokens.tenantUser(tenantId)).get("/tenants/{t}/components?capability=transform&dataFormat=parquet", tenantId)
                .then().statusCode(200).body("componentKey", equalTo(List.of(key)));
    }

    /** The original platform's componentHash: the first 16 hex digits of sha256 over the text. */
    private static String originalHash(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 16);
    }
}
