package io.modulardata.security.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.modulardata.kit.problem.InvalidRequestException;

class ComplianceSettingsTest {

    @Test
    void soc2DefaultsMatchTheSeed() {
        assertThat(ComplianceSettings.effective(ComplianceFramework.SOC2, Map.of())).containsExactly(
                Map.entry("security", true), Map.entry("availability", true), Map.entry("processingIntegrity", true),
                Map.entry("confidentiality", true), Map.entry("privacy", false), Map.entry("auditRetentionMonths", 12),
                Map.entry("accessReviewDays", 90));
    }

    @Test
    void gdprDefaultsMatchTheSeed() {
        assertThat(ComplianceSettings.effective(ComplianceFramework.GDPR, Map.of())).containsExactly(
                Map.entry("lawfulBasis", "legitimate_interest"), Map.entry("retentionDays", 365),
                Map.entry("dataSubjectRights", true), Map.entry("breachNotification", true), Map.entry("dpiaRequired", false),
                Map.entry("processorAgreements", List.of()), Map.entry("transferMechanism", "adequacy_decision"));
    }

    @Test
    void hipaaAndPciDefaultsRequireEncryptionOfCoveredData() {
        var hipaa = ComplianceSettings.effective(ComplianceFramework.HIPAA, Map.of());
        assertThat(hipaa).containsEntry("phiEncryptionRequired", true).containsEntry("auditRetentionYears", 6)
                .containsEntry("minimumNecessary", true).containsEntry("businessAssociateAgreements", List.of());
        assertThat(ComplianceSettings.encryptionRequiredFor(ComplianceFramework.HIPAA, hipaa)).containsExactly("phi");
        var pci = ComplianceSettings.effective(ComplianceFramework.PCI_DSS, Map.of());
        assertThat(pci).containsEntry("keyRotationDays", 365).containsEntry("auditRetentionMonths", 12);
        assertThat(ComplianceSettings.encryptionRequiredFor(ComplianceFramework.PCI_DSS, pci))
                .containsExactly("cardholder_data", "pan");
        assertThat(ComplianceSettings.encryptionRequiredFor(ComplianceFramework.SOC2,
                ComplianceSettings.effective(ComplianceFramework.SOC2, Map.of()))).isEmpty();
    }

    @Test
    void requirementsOverrideDefaults() {
        Map<String, JsonNode> requirements = Map.of("privacy", BooleanNode.TRUE, "accessReviewDays", IntNode.valueOf(30));
        assertThat(ComplianceSettings.effective(ComplianceFramework.SOC2, requirements))
                .containsEntry("privacy", true).containsEntry("accessReviewDays", 30).containsEntry("availability", true);
        var hipaa = ComplianceSettings.effective(ComplianceFramework.HIPAA, Map.of("phiEncryptionRequired", BooleanNode.FALSE));
        assertThat(ComplianceSettings.encryptionRequiredFor(ComplianceFramework.HIPAA, hipaa)).isEmpty();
    }

    @Test
    void rejectsUnknownWrongTypedAndForbiddenRequirementsNamingEachField() {
        assertThatThrownBy(() -> ComplianceSettings.effective(ComplianceFramework.SOC2, Map.of(
                "security", BooleanNode.FALSE, "colour", TextNode.valueOf("red"), "accessReviewDays", TextNode.valueOf("90"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field())
                        .containsExactlyInAnyOrder("requirements.security", "requirements.colour",
                                "requirements.accessReviewDays"));
        assertThatThrownBy(() -> ComplianceSettings.effective(ComplianceFramework.GDPR,
                Map.of("lawfulBasis", TextNode.valueOf("because"))))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void onlyTheFourFrameworksAreSupported() {
        assertThat(ComplianceFramework.parse("ISO27001")).isEmpty();
        assertThat(ComplianceFramework.supported()).isEqualTo("SOC2, GDPR, HIPAA, PCI_DSS");
    }
}
