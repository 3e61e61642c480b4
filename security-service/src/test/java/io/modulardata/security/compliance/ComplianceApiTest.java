package io.modulardata.security.compliance;

import static io.modulardata.security.support.SecurityApi.as;
import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.fields;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modulardata.events.ComplianceConfigured;
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
class ComplianceApiTest {

    @Test
    void configuresFrameworkAndAnswersEffectiveSettings() {
        String tenantId = newTenantId();
        asAdmin().get("/tenants/{t}/compliance/SOC2", tenantId).then().statusCode(200)
                .body("configured", equalTo(false)).body("settings.auditRetentionMonths", equalTo(12));
        String correlation = "corr-" + UUID.randomUUID();
        try (EventProbe events = SecurityApi.probe()) {
            as(TestTokens.tenantAdmin(tenantId)).header("X-Correlation-Id", correlation)
                    .body(Map.of("requirements", Map.of("privacy", true)))
                    .put("/tenants/{t}/compliance/SOC2", tenantId)
                    .then().statusCode(200).body("configured", equalTo(true)).body("version", equalTo(1))
                    .body("settings.privacy", equalTo(true)).body("settings.security", equalTo(true))
                    .body("settings.accessReviewDays", equalTo(90));
            RecordedEvent event = SecurityApi.await(events, tenantId, ComplianceConfigured.class, correlation);
            assertThat(event.field("aggregateId")).isEqualTo(tenantId + "/SOC2");
            assertThat(fields(event)).containsEntry("framework", "SOC2");
        }
        as(TestTokens.auditor()).get("/tenants/{t}/compliance/SOC2", tenantId).then().statusCode(200)
                .body("settings.privacy", equalTo(true));
        asAdmin().body(Map.of("requirements", Map.of())).put("/tenants/{t}/compliance/GDPR", tenantId).then().statusCode(200)
                .body("settings.lawfulBasis", equalTo("legitimate_interest")).body("settings.retentionDays", equalTo(365))
                .body("settings.transferMechanism", equalTo("adequacy_decision"));
        asAdmin().body(Map.of("requirements", Map.of())).put("/tenants/{t}/compliance/HIPAA", tenantId).then().statusCode(200)
                .body("settings.phiEncryptionRequired", equalTo(true)).body("settings.auditRetentionYears", equalTo(6));
        asAdmin().body(Map.of("requirements", Map.of())).put("/tenants/{t}/compliance/PCI_DSS", tenantId).then().statusCode(200)
                .body("settings.cardholderDataEncryptionRequired", equalTo(true));
    }

    @Test
    void rejectsUnknownFrameworksAndRequirementsNamingThem() {
        String tenantId = newTenantId();
        asAdmin().body(Map.of("requirements", Map.of())).put("/tenants/{t}/compliance/ISO27001", tenantId)
                .then().statusCode(400).body("field", equalTo("framework"))
                .body("detail", containsString("SOC2, GDPR, HIPAA, PCI_DSS"));
        asAdmin().body(Map.of("requirements", Map.of("retentionDays", -1))).put("/tenants/{t}/compliance/GDPR", tenantId)
                .then().statusCode(400).body("field", equalTo("requirements.retentionDays"));
        as(TestTokens.tenantUser(tenantId)).body(Map.of("requirements", Map.of()))
                .put("/tenants/{t}/compliance/GDPR", tenantId).then().statusCode(403);
        as(TestTokens.tenantAdmin(newTenantId())).get("/tenants/{t}/compliance/GDPR", tenantId).then().statusCode(404);
    }
}
