package io.modulardata.audit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

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

    private static AuditEntry policyChange(long sequence, String change, String subject) {
        var payload = JSON.createObjectNode().put("eventKind", "policy_changed").put("success", true);
        payload.putObject("details").put("policyName", "data-access").put("change", change).put("subject", subject);
        return new AuditEntry(sequence, "security-events", 0, sequence, "io.modulardata.events.SecurityEvent",
                UUID.randomUUID().toString(), NOW.minusSeconds(10 - sequence), "platform", "local-platform-admin",
                "c-" + sequence, "data-access", sequence, payload, "h" + sequence);
    }
}
