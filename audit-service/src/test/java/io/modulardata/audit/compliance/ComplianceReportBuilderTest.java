package io.modulardata.audit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.VerifyResult;

class ComplianceReportBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

    /** security-service records policy changes under tenant "platform": the policies govern every tenant. */
    @Test
    void countsPlatformPolicyChangesExceptAnotherTenantsAccessControl() {
        ComplianceReportBuilder builder = new ComplianceReportBuilder("northwind");
        builder.accept(policyChange(1, "created", "data-access"));
        builder.accept(policyChange(2, "access_control", "northwind"));
        builder.accept(policyChange(3, "access_control", "globex"));
        builder.accept(policyChange(4, "classification", "export"));

        ComplianceReport report = builder.build("northwind", Framework.SOC2, Instant.EPOCH, NOW, NOW,
                VerifyResult.ok(4));

        ComplianceReport.SectionReport policies = report.sections().get("policyChanges");
        assertThat(policies.counts()).isEqualTo(Map.of("changes", 3L));
        assertThat(policies.entries()).extracting(ComplianceReport.Item::sequence).containsExactly(1L, 2L, 4L);
    }

    /** Items of a batch count as the operations they are; a rewrap is an operation of its own. */
    @Test
    void countsBatchItemsAndRewrapsAmongTheEncryptionOperations() {
        ComplianceReportBuilder builder = new ComplianceReportBuilder("northwind");
        builder.accept(security(1, "data_encryption", true, Map.of()));
        builder.accept(security(2, "data_encryption_batch", true, Map.of("items", "3", "succeeded", "3", "failed", "0")));
        builder.accept(security(3, "data_decryption_batch", false, Map.of("items", "4", "succeeded", "1", "failed", "3")));
        builder.accept(security(4, "data_decryption_batch", false, Map.of("items", "2", "succeeded", "0", "failed", "2")));
        builder.accept(security(5, "rewrap", true, Map.of("fromKeyVersion", "1", "keyVersion", "2")));
        builder.accept(security(6, "rewrap", false, Map.of("failure", "invalid_token")));

        ComplianceReport report = builder.build("northwind", Framework.PCI_DSS, Instant.EPOCH, NOW, NOW, VerifyResult.ok(6));

        ComplianceReport.SectionReport operations = report.sections().get("encryptionOperations");
        assertThat(operations.counts()).isEqualTo(Map.of(
                "encryptions", 4L, "encryptionBatches", 1L,
                "decryptions", 6L, "decryptionsFailed", 5L, "decryptionBatches", 2L,
                "rewraps", 2L, "rewrapsFailed", 1L));
        assertThat(operations.entries()).extracting(ComplianceReport.Item::outcome)
                .containsExactly("SUCCESS", "SUCCESS", "PARTIAL", "FAILURE", "SUCCESS", "FAILURE");
    }

    /** A section lists its first 1,000 entries, says it was cut, and still counts every one. */
    @Test
    void aSectionListsItsFirstThousandEntriesAndCountsThemAll() {
        ComplianceReportBuilder full = new ComplianceReportBuilder("northwind");
        ComplianceReportBuilder over = new ComplianceReportBuilder("northwind");
        for (long sequence = 1; sequence <= ComplianceReportBuilder.MAX_ITEMS; sequence++) {
            full.accept(security(sequence, "data_encryption", true, Map.of()));
            over.accept(security(sequence, "data_encryption", true, Map.of()));
        }
        over.accept(security(ComplianceReportBuilder.MAX_ITEMS + 1, "data_encryption", true, Map.of()));

        ComplianceReport.SectionReport exactly = full.build("northwind", Framework.PCI_DSS, Instant.EPOCH, NOW, NOW,
                VerifyResult.ok(1000)).sections().get("encryptionOperations");
        ComplianceReport.SectionReport cut = over.build("northwind", Framework.PCI_DSS, Instant.EPOCH, NOW, NOW,
                VerifyResult.ok(1001)).sections().get("encryptionOperations");

        assertThat(ComplianceReportBuilder.MAX_ITEMS).isEqualTo(1000);
        assertThat(exactly.entries()).hasSize(1000);
        assertThat(exactly.truncated()).isFalse();
        assertThat(cut.entries()).hasSize(1000);
        assertThat(cut.entries().get(999).sequence()).isEqualTo(1000L);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.counts()).isEqualTo(Map.of("encryptions", 1001L));
    }

    /** Compliance and policy changes are typed events today; they count as the SecurityEvents they were. */
    @Test
    void typedChangesCountLikeTheSecurityEventsTheyWere() {
        ComplianceReportBuilder builder = new ComplianceReportBuilder("northwind");
        builder.accept(typed(1, "ComplianceConfigured", "northwind", JSON.createObjectNode().put("framework", "GDPR")
                .put("settings", "{\"retentionDays\":30}")));
        builder.accept(security(2, "compliance_configuration", true, Map.of("framework", "GDPR", "settings", "{\"retentionDays\":60}")));
        builder.accept(typed(3, "PolicyCreated", "platform", JSON.createObjectNode().put("document", "{}")));
        builder.accept(typed(4, "PolicyUpdated", "platform", JSON.createObjectNode().put("change", "access_control")
                .put("subject", "northwind").put("document", "{}")));
        builder.accept(typed(5, "PolicyUpdated", "platform", JSON.createObjectNode().put("change", "access_control")
                .put("subject", "globex").put("document", "{}")));
        builder.accept(policyChange(6, "classification", "export"));
        builder.accept(typed(7, "KeyRotated", "northwind", JSON.createObjectNode().put("keyVersion", 2)));

        ComplianceReport report = builder.build("northwind", Framework.GDPR, Instant.EPOCH, NOW, NOW, VerifyResult.ok(7));
        assertThat(report.sections().get("complianceConfigurationChanges").counts()).isEqualTo(Map.of("changes", 2L));
        assertThat(report.sections().get("dataRetentionAndSubjects").counts()).isEqualTo(Map.of("changes", 2L));
        assertThat(report.sections().get("complianceConfigurationChanges").entries()).extracting(ComplianceReport.Item::summary)
                .containsExactly("compliance configuration succeeded by northwind-admin",
                        "compliance configuration succeeded by northwind-admin");
        ComplianceReport soc2 = builder.build("northwind", Framework.SOC2, Instant.EPOCH, NOW, NOW, VerifyResult.ok(7));
        assertThat(soc2.sections().get("policyChanges").counts()).isEqualTo(Map.of("changes", 3L));
        assertThat(soc2.sections().get("policyChanges").entries()).extracting(ComplianceReport.Item::sequence)
                .containsExactly(3L, 4L, 6L);
    }

    /**
     * An erasure of a data subject (security-service's SubjectErased) and the shredding of all keys of the offboarded
     * tenant (TenantKeysShredded) are listed among the GDPR data-subject entries, each with what it made unreadable:
     * the earlier entries with personal fields sealed for the subject (for the tenant: for any of its subjects).
     */
    @Test
    void listsErasuresOfDataSubjectsAndWhatTheyMadeUnreadableInTheGdprReport() {
        ComplianceReportBuilder builder = new ComplianceReportBuilder("northwind");
        builder.accept(sealedFor(1, "pseudonym-1"));
        builder.accept(sealedFor(2, "pseudonym-1"));
        builder.accept(sealedFor(3, "pseudonym-2"));
        builder.accept(typed(4, "SubjectErased", "northwind", JSON.createObjectNode().put("subjectRef", "pseudonym-1")
                .put("requestedBy", "northwind-admin").put("keysDestroyed", 1)));
        builder.accept(typed(5, "SubjectErased", "northwind", JSON.createObjectNode().put("subjectRef", "pseudonym-1")
                .put("requestedBy", "northwind-admin").put("keysDestroyed", 0)));
        builder.accept(typed(6, "TenantKeysShredded", "northwind", JSON.createObjectNode().put("tenantKeyVersionsDestroyed", 2)
                .put("subjectKeysDestroyed", 1)));

        ComplianceReport report = builder.build("northwind", Framework.GDPR, Instant.EPOCH, NOW, NOW, VerifyResult.ok(6));
        ComplianceReport.SectionReport subjects = report.sections().get("dataRetentionAndSubjects");
        assertThat(subjects.counts()).isEqualTo(Map.of("erasures", 2L, "tenantKeysShredded", 1L, "entriesMadeUnreadable", 3L));
        assertThat(subjects.entries()).extracting(ComplianceReport.Item::sequence).containsExactly(4L, 5L, 6L);
        assertThat(subjects.entries()).extracting(ComplianceReport.Item::summary).satisfiesExactly(
                first -> assertThat(first).endsWith("personal fields of 2 earlier entries made unreadable"),
                repeat -> assertThat(repeat).endsWith("personal fields of 0 earlier entries made unreadable"),
                tenant -> assertThat(tenant).endsWith("personal fields of 1 earlier entries made unreadable"));
    }

    private static AuditEntry sealedFor(long sequence, String subjectRef) {
        ObjectNode payload = JSON.createObjectNode().put("eventKind", "data_encryption")
                .put("success", true);
        payload.putObject("details").put("subjectRef", subjectRef).put("context", "mdpf1.key-" + sequence + ".token");
        return typed(sequence, "SecurityEvent", "northwind", payload);
    }

    /** A deployment removed with its offboarded tenant's namespace counts as REMOVED, not as still in progress. */
    @Test
    void aDeploymentRemovedWithItsTenantCountsAsRemoved() {
        ComplianceReportBuilder builder = new ComplianceReportBuilder("northwind");
        builder.accept(typed(1, "DeploymentRequested", "northwind", JSON.createObjectNode().put("deploymentId", "d-1")
                .put("environment", "PRODUCTION")));
        builder.accept(typed(2, "DeploymentRemoved", "northwind", JSON.createObjectNode().put("deploymentId", "d-1")
                .put("namespace", "data-tenant-northwind").put("reason", "tenant offboarded")));

        ComplianceReport report = builder.build("northwind", Framework.SOC2, Instant.EPOCH, NOW, NOW, VerifyResult.ok(2));
        assertThat(report.sections().get("deployments").counts()).isEqualTo(Map.of("PRODUCTION.REMOVED", 1L));
    }

    private static AuditEntry typed(long sequence, String type, String tenantId, ObjectNode payload) {
        return new AuditEntry(sequence, "security-events", 0, sequence, "io.modulardata.events." + type,
                UUID.randomUUID().toString(), NOW.minusSeconds(10 - sequence), tenantId,
                "platform".equals(tenantId) ? "local-platform-admin" : "northwind-admin", "c-" + sequence, "a-" + sequence,
                sequence, payload, "h" + sequence);
    }

    private static AuditEntry security(long sequence, String kind, boolean success, Map<String, String> details) {
        var payload = JSON.createObjectNode().put("eventKind", kind).put("success", success);
        details.forEach(payload.putObject("details")::put);
        return new AuditEntry(sequence, "security-events", 0, sequence, "io.modulardata.events.SecurityEvent",
                UUID.randomUUID().toString(), NOW.minusSeconds(10 - sequence), "northwind", "northwind-admin",
                "c-" + sequence, "op-" + sequence, 1, payload, "h" + sequence);
    }

    private static AuditEntry policyChange(long sequence, String change, String subject) {
        var payload = JSON.createObjectNode().put("eventKind", "policy_changed").put("success", true);
        payload.putObject("details").put("policyName", "data-access").put("change", change).put("subject", subject);
        return new AuditEntry(sequence, "security-events", 0, sequence, "io.modulardata.events.SecurityEvent",
                UUID.randomUUID().toString(), NOW.minusSeconds(10 - sequence), "platform", "local-platform-admin",
                "c-" + sequence, "data-access", sequence, payload, "h" + sequence);
    }
}
