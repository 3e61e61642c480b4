package io.modulardata.security.vocabulary;

import static io.modulardata.security.support.SecurityApi.asAdmin;
import static io.modulardata.security.support.SecurityApi.fields;
import static io.modulardata.security.support.SecurityApi.newTenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modulardata.events.ComplianceConfigured;
import io.modulardata.events.PolicyUpdated;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.RecordedEvent;
import io.modulardata.security.support.MasterKeyTestResource;
import io.modulardata.security.support.SecurityApi;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clearances, classifications, compliance frameworks and their choice settings in the original platform's
 * spelling (Python enums: lowercase snake_case) or any letter case; events and answers carry ours.
 */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "security"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(MasterKeyTestResource.class)
class OriginalVocabularyTest {

    @Test
    void policyClearanceAndClassificationInAnySpellingAreRecordedInOurs() {
        String policy = "p" + UUID.randomUUID().toString().substring(0, 8);
        String tenantId = newTenantId();
        String correlation = "corr-" + UUID.randomUUID();
        asAdmin().body(Map.of("description", "original spellings")).put("/policies/{p}", policy).then().statusCode(201);
        try (EventProbe events = SecurityApi.probe()) {
            asAdmin().header("X-Correlation-Id", correlation)
                    .body(Map.of("permissions", List.of("read"), "clearance", "CONFIDENTIAL"))
                    .put("/policies/{p}/access-controls/{t}", policy, tenantId).then().statusCode(200)
                    .body("policy.accessControls." + tenantId + ".clearance", equalTo("confidential"));
            assertThat(fields(SecurityApi.await(events, "platform", PolicyUpdated.class, correlation)).get("document"))
                    .contains("\"clearance\":\"confidential\"");

            String second = "corr-" + UUID.randomUUID();
            asAdmin().header("X-Correlation-Id", second).body(Map.of("classification", "Restricted"))
                    .put("/policies/{p}/classifications/export", policy).then().statusCode(200)
                    .body("policy.classifications.export", equalTo("restricted"));
            assertThat(fields(SecurityApi.await(events, "platform", PolicyUpdated.class, second)).get("document"))
                    .contains("\"export\":\"restricted\"");
        }
        asAdmin().body(Map.of("classification", "top secret")).put("/policies/{p}/classifications/export", policy)
                .then().statusCode(400).body("field", equalTo("classification"));
    }

    @Test
    void frameworksAndTheirChoicesInTheOriginalsSpellingAreRecordedInOurs() {
        String tenantId = newTenantId();
        String correlation = "corr-" + UUID.randomUUID();
        try (EventProbe events = SecurityApi.probe()) {
            asAdmin().header("X-Correlation-Id", correlation)
                    .body(Map.of("requirements", Map.of("lawfulBasis", "Legal-Obligation", "transferMechanism", "STANDARD_CONTRACTUAL_CLAUSES")))
                    .put("/tenants/{t}/compliance/gdpr", tenantId).then().statusCode(200)
                    .body("framework", equalTo("GDPR"))
                    .body("settings.lawfulBasis", equalTo("legal_obligation"))
                    .body("settings.transferMechanism", equalTo("standard_contractual_clauses"));
            RecordedEvent event = SecurityApi.await(events, tenantId, ComplianceConfigured.class, correlation);
            assertThat(event.field("aggregateId")).isEqualTo(tenantId + "/GDPR");
            assertThat(fields(event)).containsEntry("framework", "GDPR");
            assertThat(fields(event).get("settings")).contains("\"lawfulBasis\":\"legal_obligation\"");
        }
        asAdmin().get("/tenants/{t}/compliance/GDPR", tenantId).then().statusCode(200)
                .body("configured", equalTo(true)).body("settings.lawfulBasis", equalTo("legal_obligation"));
        asAdmin().body(Map.of("requirements", Map.of())).put("/tenants/{t}/compliance/pci-dss", tenantId).then().statusCode(200)
                .body("framework", equalTo("PCI_DSS"));
        asAdmin().get("/tenants/{t}/compliance/Pci_Dss", tenantId).then().statusCode(200).body("configured", equalTo(true));

        asAdmin().body(Map.of("requirements", Map.of("lawfulBasis", "whim"))).put("/tenants/{t}/compliance/gdpr", tenantId)
                .then().statusCode(400).body("field", equalTo("requirements.lawfulBasis"))
                .body("detail", containsString("legal_obligation"));
    }
}
