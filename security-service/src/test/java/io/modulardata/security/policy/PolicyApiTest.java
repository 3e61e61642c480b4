package io.modulardata.security.policy;

import static io.modulardata.security.support.SecurityApi.as;
import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.details;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modulardata.events.PlatformEvents;
import io.modulardata.events.PolicyCreated;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.fixtures.TestTokens;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class PolicyApiTest {

    /** An evaluation request that the policies of these tests allow, with {@code overrides}. */
    static Map<String, Object> evaluation(String tenantId, Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("tenantId", tenantId, "permission", "read", "operation", "report",
                "dataType", "pii", "encrypted", true, "sourceIp", "10.1.2.3", "at", "2030-03-01T09:30:00Z"));
        body.putAll(overrides);
        return body;
    }

    @Test
    void enforcesPolicyAndComplianceMandatesRecordingEveryChange() {
        String policy = "p" + UUID.randomUUID().toString().substring(0, 8);
        String tenantId = newTenantId();
        String correlation = "corr-" + UUID.randomUUID();
        try (EventProbe events = SecurityApi.probe()) {
            asAdmin().header("X-Correlation-Id", correlation).body(Map.of("description", "default"))
                    .put("/policies/{p}", policy).then().statusCode(201);
            asAdmin().body(Map.of("permissions", List.of("read"), "expiresAt", "2031-01-01T00:00:00Z",
                            "conditions", Map.of("allowedCidrs", List.of("10.0.0.0/8"), "allowedHoursUtc", "08-18")))
                    .put("/policies/{p}/access-controls/{t}", policy, tenantId).then().statusCode(200)
                    .body("policy.accessControls." + tenantId + ".clearance", equalTo("internal"));
            asAdmin().body(Map.of("classification", "restricted")).put("/policies/{p}/classifications/export", policy)
                    .then().statusCode(200);
            asAdmin().body(Map.of("required", true)).put("/policies/{p}/encryption-requirements/pii", policy)
                    .then().statusCode(200).body("version", equalTo(4));

            as(TestTokens.tenantUser(tenantId)).header("X-Correlation-Id", correlation)
                    .body(evaluation(tenantId, Map.of())).post("/policies/{p}/evaluate", policy)
                    .then().statusCode(200).body("decision", equalTo("ALLOW")).body("reasons", empty());
            asAdmin().body(evaluation(tenantId, Map.of("permission", "write", "encrypted", false, "sourceIp", "8.8.8.8",
                            "at", "2031-02-01T20:00:00Z", "operation", "export")))
                    .post("/policies/{p}/evaluate", policy).then().statusCode(200).body("decision", equalTo("DENY"))
                    .body("reasons", contains("missing_permission", "grant_expired", "source_ip_not_allowed",
                            "outside_allowed_hours", "encryption_required", "classification_exceeds_clearance"));

            // HIPAA with its default (PHI encryption required) denies unencrypted PHI
            asAdmin().body(Map.of("requirements", Map.of())).put("/tenants/{t}/compliance/HIPAA", tenantId).then().statusCode(200);
            asAdmin().body(evaluation(tenantId, Map.of("dataType", "phi", "encrypted", false)))
                    .post("/policies/{p}/evaluate", policy).then().statusCode(200)
                    .body("reasons", contains("encryption_required_by_HIPAA"));

            RecordedEvent created = events.await(e -> policy.equals(e.field("aggregateId"))
                    && Long.valueOf(1).equals(e.value().get("aggregateVersion")), java.time.Duration.ofSeconds(20));
            assertThat(created.field("tenantId")).isEqualTo(PlatformEvents.PLATFORM_TENANT);
            assertThat(created.type()).isEqualTo(PolicyCreated.class.getName());
            RecordedEvent evaluated = SecurityApi.await(events, tenantId, "policy_evaluated", correlation);
            assertThat(details(evaluated)).containsEntry("decision", "ALLOW").containsEntry("policyName", policy);
        }
    }

    @Test
    void onlyPlatformAdminsManagePoliciesAndTenantsEvaluateOnlyForThemselves() {
        String policy = "p" + UUID.randomUUID().toString().substring(0, 8);
        String tenantId = newTenantId();
        as(TestTokens.tenantAdmin(tenantId)).body(Map.of()).put("/policies/{p}", policy).then().statusCode(403);
        asAdmin().body(Map.of()).put("/policies/{p}", policy).then().statusCode(201);
        asAdmin().body(Map.of()).put("/policies/{p}", policy).then().statusCode(200);
        as(TestTokens.tenantUser(tenantId)).body(evaluation(newTenantId(), Map.of()))
                .post("/policies/{p}/evaluate", policy).then().statusCode(404);
        as(TestTokens.tenantUser(tenantId)).body(evaluation(tenantId, Map.of()))
                .post("/policies/{p}/evaluate", policy).then().statusCode(200).body("reasons", contains("missing_permission"));
        as(TestTokens.auditor()).get("/policies/{p}", policy).then().statusCode(200);
        asAdmin().body(evaluation(tenantId, Map.of())).post("/policies/{p}/evaluate", "missing-policy").then().statusCode(404);
    }

    @Test
    void rejectsInvalidPolicyInputNamingTheField() {
        String policy = "p" + UUID.randomUUID().toString().substring(0, 8);
        String tenantId = newTenantId();
        asAdmin().body(Map.of()).put("/policies/{p}", policy).then().statusCode(201);
        // A NUL used to be stored in the policy document, a lone surrogate as '?'.
        for (String description : List.of("a\\u0000b", "a\\ud800b")) {
            asAdmin().body("{\"description\": \"" + description + "\"}").put("/policies/{p}", policy)
                    .then().statusCode(400).body("field", equalTo("description"));
        }
        asAdmin().body(Map.of("classification", "secret")).put("/policies/{p}/classifications/export", policy)
                .then().statusCode(400).body("field", equalTo("classification"));
        asAdmin().body(Map.of("permissions", List.of("read"), "conditions", Map.of("allowedCidrs", List.of("10.0.0.0/40"))))
                .put("/policies/{p}/access-controls/{t}", policy, tenantId)
                .then().statusCode(400).body("field", equalTo("conditions.allowedCidrs[0]"));
        asAdmin().body(Map.of("permissions", List.of("read"), "conditions", Map.of("allowedHoursUtc", "8 to 6")))
                .put("/policies/{p}/access-controls/{t}", policy, tenantId)
                .then().statusCode(400).body("field", equalTo("conditions.allowedHoursUtc"));
        asAdmin().body(Map.of("permissions", List.of())).put("/policies/{p}/access-controls/{t}", policy, tenantId)
                .then().statusCode(400).body("field", equalTo("permissions"));
        asAdmin().body(Map.of()).put("/policies/{p}/encryption-requirements/pii", policy)
                .then().statusCode(400).body("field", equalTo("required"));
        asAdmin().body(evaluation(tenantId, Map.of("sourceIp", "example.com"))).post("/policies/{p}/evaluate", policy)
                .then().statusCode(400).body("field", equalTo("sourceIp"));
        asAdmin().body(Map.of("classification", "public")).put("/policies/{p}/classifications/export", "missing-policy")
                .then().statusCode(404);
    }
}
