package io.modulardata.security.compliance;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.security.support.MasterKeyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12: requirements as the original platform writes them (snake_case keys) are accepted beside ours,
 * answers keep our spelling; GDPR data subject rights and breach notification are always on.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class OriginalComplianceKeysTest {

    @Test
    void acceptsTheOriginalsKeysAndAnswersInOurs() {
        String tenantId = newTenantId();
        asAdmin().body(Map.of("requirements", Map.of("retention_days", 730, "lawful_basis", "consent", "dpia_required", true,
                        "processor_agreements", List.of("dpa"), "transfer_mechanism", "standard_contractual_clauses",
                        "data_subject_rights", true, "breach_notification", true)))
                .put("/tenants/{t}/compliance/GDPR", tenantId)
                .then().statusCode(200).body("settings.retentionDays", equalTo(730))
                .body("settings.lawfulBasis", equalTo("consent"))
                .body("settings.dpiaRequired", equalTo(true)).body("settings.processorAgreements", equalTo(List.of("dpa")))
                .body("settings.transferMechanism", equalTo("standard_contractual_clauses"))
                .body(not(containsString("retention_days")));
        asAdmin().body(Map.of("requirements", Map.of("audit_retention_months", 24, "access_review_days", 30,
                        "processing_integrity", false, "privacy", true)))
                .put("/tenants/{t}/compliance/SOC2", tenantId)
                .then().statusCode(200).body("settings.auditRetentionMonths", equalTo(24))
                .body("settings.accessReviewDays", equalTo(30))
                .body("settings.processingIntegrity", equalTo(false)).body("settings.privacy", equalTo(true));
        asAdmin().body(Map.of("requirements", Map.of("phi_encryption_required", true, "audit_retention_years", 7,
                        "covered_data_types", List.of("phi", "lab_results"), "breach_notification_days", 30)))
                .put("/tenants/{t}/compliance/HIPAA", tenantId)
                .then().statusCode(200).body("settings.auditRetentionYears", equalTo(7))
                .body("settings.coveredDataTypes", equalTo(List.of("phi", "lab_results")))
                .body("settings.breachNotificationDays", equalTo(30));
        asAdmin().body(Map.of("requirements", Map.of("cardholder_data_encryption_required", true, "key_rotation_days", 90)))
                .put("/tenants/{t}/compliance/PCI_DSS", tenantId)
                .then().statusCode(200).body("settings.keyRotationDays", equalTo(90));
        asAdmin().get("/tenants/{t}/compliance/SOC2", tenantId).then().statusCode(200)
                .body("settings.auditRetentionMonths", equalTo(24)).body(not(containsString("audit_retention_months")));
    }

    @Test
    void theSameSettingInBothSpellingsIsRefused() {
        String tenantId = newTenantId();
        asAdmin().body(Map.of("requirements", Map.of("retentionDays", 400, "retention_days", 400)))
                .put("/tenants/{t}/compliance/GDPR", tenantId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("requirements.retention_days")).body("detail", containsString("retentionDays"));
        asAdmin().body(Map.of("requirements", Map.of("retentionDays", 400, "retention_dayz", 400)))
                .put("/tenants/{t}/compliance/GDPR", tenantId)
                .then().statusCode(400).body("field", equalTo("requirements.retention_dayz"));
        asAdmin().get("/tenants/{t}/compliance/GDPR", tenantId).then().statusCode(200).body("configured", equalTo(false));
    }

    @Test
    void gdprDataSubjectRightsAndBreachNotificationCannotBeTurnedOff() {
        String tenantId = newTenantId();
        for (String setting : List.of("dataSubjectRights", "data_subject_rights", "breachNotification", "breach_notification")) {
            asAdmin().body(Map.of("requirements", Map.of(setting, false))).put("/tenants/{t}/compliance/GDPR", tenantId)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("requirements." + setting));
        }
        asAdmin().get("/tenants/{t}/compliance/GDPR", tenantId).then().statusCode(200).body("configured", equalTo(false))
                .body("settings.dataSubjectRights", equalTo(true)).body("settings.breachNotification", equalTo(true));
    }
}
