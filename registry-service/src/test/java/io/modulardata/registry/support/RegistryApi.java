package io.modulardata.registry.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.modulardata.fixtures.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Calls registry-service the way a client does: HTTP, JSON and bearer tokens. */
public final class RegistryApi {

    private RegistryApi() {
    }

    /** A fresh tenant id, so tests never collide on the shared database. */
    public static String newTenantId() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A fresh component id. */
    public static String newComponentId() {
        return "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(TestTokens.platformAdmin());
    }

    public static Map<String, Object> tenantBody(String tenantId) {
        return Map.of(
                "tenantId", tenantId,
                "tenantName", "Tenant " + tenantId,
                "dataProcessingTier", "PROFESSIONAL",
                "maxConcurrentJobs", 3,
                "allowedDataEnvironments", List.of("DEVELOPMENT", "STAGING"),
                "customDataProcessingLimits", Map.of("maxRowsPerJob", 1000000));
    }

    public static ValidatableResponse registerTenant(String tenantId) {
        return asAdmin().body(tenantBody(tenantId)).post("/tenants").then().statusCode(201);
    }

    public static Map<String, Object> componentBody(String componentId, String version, List<String> capabilities,
            List<String> formats, String clearance) {
        return Map.of(
                "componentId", componentId,
                "componentName", "Component " + componentId,
                "componentVersion", version,
                "dataProcessingCapabilities", capabilities,
                "supportedDataFormats", formats,
                "resourceRequirements", Map.of("cpu", 2, "memory", "4Gi"),
                "securityClearanceLevel", clearance,
                "complianceCertifications", List.of("SOC2"));
    }

    public static ValidatableResponse registerComponent(String componentId, String version, List<String> capabilities,
            List<String> formats, String clearance) {
        return asAdmin().body(componentBody(componentId, version, capabilities, formats, clearance))
                .post("/components").then().statusCode(201);
    }

    public static ValidatableResponse grant(String tenantId, String componentKey) {
        return asAdmin().put("/tenants/{t}/grants/{k}", tenantId, componentKey).then();
    }
}
