package io.modulardata.security.compliance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.modulardata.kit.json.EnumSpellings;

import static io.modulardata.security.compliance.Setting.choice;
import static io.modulardata.security.compliance.Setting.fixedTrue;
import static io.modulardata.security.compliance.Setting.flag;
import static io.modulardata.security.compliance.Setting.positive;
import static io.modulardata.security.compliance.Setting.texts;

/**
 * The supported frameworks and, for each, every setting with its default. A tenant's requirements
 * override defaults; {@code GET} answers the effective settings. Plain class.
 */
public enum ComplianceFramework {

    /** Mapped as the seed platform does. */
    SOC2(List.of(
            fixedTrue("security"),
            flag("availability", true),
            flag("processingIntegrity", true),
            flag("confidentiality", true),
            flag("privacy", false),
            positive("auditRetentionMonths", 12),
            positive("accessReviewDays", 90)), null),

    /** Mapped as the seed platform does; data subject rights and breach notification are always on, as there. */
    GDPR(List.of(
            choice("lawfulBasis", "legitimate_interest",
                    List.of("consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interest")),
            positive("retentionDays", 365),
            fixedTrue("dataSubjectRights"),
            fixedTrue("breachNotification"),
            flag("dpiaRequired", false),
            texts("processorAgreements", List.of()),
            choice("transferMechanism", "adequacy_decision",
                    List.of("adequacy_decision", "standard_contractual_clauses", "binding_corporate_rules", "derogation"))),
            null),

    /** PHI must be encrypted (enforced by policy evaluation for {@code coveredDataTypes}). */
    HIPAA(List.of(
            flag("phiEncryptionRequired", true),
            positive("auditRetentionYears", 6),
            flag("minimumNecessary", true),
            texts("businessAssociateAgreements", List.of()),
            positive("breachNotificationDays", 60),
            texts("coveredDataTypes", List.of("phi"))), "phiEncryptionRequired"),

    /** Cardholder data must be encrypted (enforced by policy evaluation for {@code coveredDataTypes}). */
    PCI_DSS(List.of(
            flag("cardholderDataEncryptionRequired", true),
            positive("keyRotationDays", 365),
            positive("auditRetentionMonths", 12),
            texts("coveredDataTypes", List.of("cardholder_data", "pan"))), "cardholderDataEncryptionRequired");

    private final List<Setting> settings;
    private final String encryptionFlag;

    ComplianceFramework(List<Setting> settings, String encryptionFlag) {
        this.settings = settings;
        this.encryptionFlag = encryptionFlag;
    }

    public List<Setting> settings() {
        return settings;
    }

    /** The setting a requirement key names: our camelCase name or the original platform's snake_case one. */
    public Optional<Setting> setting(String key) {
        return settings.stream().filter(s -> s.name().equals(key) || s.snakeCaseName().equals(key)).findFirst();
    }

    /** The setting that, when true, requires encryption of {@code coveredDataTypes}; empty for frameworks without one. */
    public Optional<String> encryptionFlag() {
        return Optional.ofNullable(encryptionFlag);
    }

    /** Our name or the original platform's spelling ("pci_dss", "soc2"), in any letter case. */
    public static Optional<ComplianceFramework> parse(String name) {
        return EnumSpellings.parse(ComplianceFramework.class, name);
    }

    public static String supported() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
