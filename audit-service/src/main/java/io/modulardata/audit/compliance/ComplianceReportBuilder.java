package io.modulardata.audit.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.audit.chain.AuditEntry;
import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.compliance.ComplianceReport.Item;
import io.modulardata.audit.compliance.ComplianceReport.SectionReport;
import io.modulardata.audit.query.ErasedPersonalFields;
import io.modulardata.audit.timeline.SecurityChanges;
import io.modulardata.audit.timeline.Summaries;

/**
 * Sorts a tenant's entries (oldest first) into report sections. Security events are told apart by
 * their kind ({@link SecurityChanges}: typed changes and the SecurityEvents they once were read alike):
 * {@code data_encryption} / {@code data_decryption} / {@code rewrap} and their batches,
 * {@code compliance_configuration} (ComplianceConfigured), {@code policy_changed} (PolicyCreated,
 * PolicyUpdated); a compliance configuration event whose settings mention retention, data subjects,
 * erasure or consent also counts as a retention / data-subject setting. Changes of the platform-wide policies count for every tenant they govern, except
 * a change of another tenant's access control, which tells nothing about this tenant (and is not this
 * tenant's to see).
 */
public final class ComplianceReportBuilder {

    public static final int MAX_ITEMS = 1000;
    private static final Pattern RETENTION_OR_SUBJECT = Pattern.compile("retention|subject|erasure|consent|forget",
            Pattern.CASE_INSENSITIVE);

    private final Map<Section, Map<String, Long>> counts = new EnumMap<>(Section.class);
    private final Map<Section, List<Item>> items = new EnumMap<>(Section.class);
    private final Map<Section, Boolean> truncated = new EnumMap<>(Section.class);
    private final Map<String, String> deploymentEnvironment = new HashMap<>();
    private final Map<String, String> deploymentOutcome = new LinkedHashMap<>();
    /** Per subject pseudonym, the entries of the period with personal fields sealed for it since its last erasure. */
    private final Map<String, Long> sealedSinceErasure = new HashMap<>();
    private final String tenantId;

    public ComplianceReportBuilder(String tenantId) {
        this.tenantId = tenantId;
        for (Section section : Section.values()) {
            counts.put(section, new TreeMap<>());
            items.put(section, new ArrayList<>());
        }
    }

    public void accept(AuditEntry entry) {
        countSealedPersonalFields(entry);
        JsonNode p = entry.payload();
        switch (entry.simpleType()) {
            case "ComponentAccessGranted" -> add(Section.ACCESS_GRANTS, "granted", entry, "GRANTED");
            case "ComponentAccessRevoked" -> add(Section.ACCESS_GRANTS, "revoked", entry, "REVOKED");
            case "ComponentStatusChanged" -> add(Section.LIFECYCLE_CHANGES, "to" + p.path("newStatus").asText(), entry,
                    p.path("newStatus").asText());
            case "TenantRegistered" -> add(Section.TENANT_CONFIGURATION_CHANGES, "registered", entry, "REGISTERED");
            case "TenantConfigurationChanged" -> add(Section.TENANT_CONFIGURATION_CHANGES, "changed", entry, "CHANGED");
            case "TenantOffboarded" -> add(Section.TENANT_CONFIGURATION_CHANGES, "offboarded", entry, "OFFBOARDED");
            case "DeploymentRequested", "DeploymentSucceeded", "DeploymentFailed", "DeploymentRolledBack", "DeploymentRemoved" ->
                    deployment(entry);
            default -> {
                if (SecurityChanges.isSecurityEvent(entry)) {
                    security(entry);
                }
                // anything else is not part of any report section
            }
        }
    }

    public ComplianceReport build(String tenantId, Framework framework, Instant from, Instant to, Instant now,
            VerifyResult verification) {
        deploymentOutcome.forEach((deploymentId, outcome) -> {
            String environment = deploymentEnvironment.getOrDefault(deploymentId, "UNKNOWN");
            counts.get(Section.DEPLOYMENTS).merge(environment + "." + outcome, 1L, Long::sum);
        });
        Map<String, SectionReport> sections = new LinkedHashMap<>();
        for (Section section : framework.sections()) {
            sections.put(section.key(), new SectionReport(section.title(), counts.get(section), items.get(section),
                    truncated.getOrDefault(section, false)));
        }
        return new ComplianceReport(tenantId, framework, from, to, now, sections, verification);
    }

    private void deployment(AuditEntry entry) {
        JsonNode p = entry.payload();
        String deploymentId = p.path("deploymentId").asText(entry.aggregateId());
        if (p.hasNonNull("environment")) {
            deploymentEnvironment.put(deploymentId, p.get("environment").asText());
        }
        String outcome = switch (entry.simpleType()) {
            case "DeploymentSucceeded" -> "SUCCEEDED";
            case "DeploymentFailed" -> "FAILED";
            case "DeploymentRolledBack" -> "ROLLED_BACK";
            case "DeploymentRemoved" -> "REMOVED";
            default -> "IN_PROGRESS";
        };
        deploymentOutcome.put(deploymentId, outcome);
        item(Section.DEPLOYMENTS, entry, outcome);
    }

    private void security(AuditEntry entry) {
        String kind = SecurityChanges.kindOf(entry).toLowerCase(Locale.ROOT);
        boolean success = SecurityChanges.succeeded(entry);
        String outcome = success ? "SUCCESS" : "FAILURE";
        switch (kind) {
            case "data_encryption", "data_decryption", "rewrap" -> {
                String operation = switch (kind) {
                    case "data_encryption" -> "encryptions";
                    case "data_decryption" -> "decryptions";
                    default -> "rewraps";
                };
                add(Section.ENCRYPTION_OPERATIONS, operation, entry, outcome);
                if (!success) {
                    count(Section.ENCRYPTION_OPERATIONS, operation + "Failed");
                }
            }
            case "data_encryption_batch" -> batch(entry, "encryptions", "encryptionBatches");
            case "data_decryption_batch" -> batch(entry, "decryptions", "decryptionBatches");
            case "compliance_configuration" -> {
                add(Section.COMPLIANCE_CONFIGURATION_CHANGES, "changes", entry, outcome);
                if (RETENTION_OR_SUBJECT.matcher(SecurityChanges.detailsOf(entry).toString()).find()) {
                    add(Section.DATA_RETENTION_AND_SUBJECTS, "changes", entry, outcome);
                }
            }
            // A data subject's erasure (Art. 17): its keys destroyed, what was sealed under them unreadable.
            case "subject_erased" -> erasure("erasures", entry, outcome,
                    sealedSinceErasure.remove(SecurityChanges.detailsOf(entry).path("subjectRef").asText()));
            // An offboarded tenant's keys all destroyed: everything sealed for any of its subjects unreadable.
            case "tenant_keys_shredded" -> {
                long sealed = sealedSinceErasure.values().stream().mapToLong(Long::longValue).sum();
                sealedSinceErasure.clear();
                erasure("tenantKeysShredded", entry, outcome, sealed);
            }
            case "policy_changed" -> {
                if (concernsTenant(SecurityChanges.detailsOf(entry))) {
                    add(Section.POLICY_CHANGES, "changes", entry, outcome);
                }
            }
            default -> {
                // other security events (key rotation, ...) are in the audit log, not in these sections
            }
        }
    }

    /**
     * An erasure, with what it made unreadable: the entries of the report's period whose personal fields were sealed
     * under the destroyed keys (audit queries show those fields as erased from then on).
     */
    private void erasure(String counter, AuditEntry entry, String outcome, Long sealedEntries) {
        long unreadable = sealedEntries == null ? 0 : sealedEntries;
        count(Section.DATA_RETENTION_AND_SUBJECTS, counter);
        count(Section.DATA_RETENTION_AND_SUBJECTS, "entriesMadeUnreadable", unreadable);
        item(Section.DATA_RETENTION_AND_SUBJECTS, entry, outcome,
                Summaries.of(entry) + "; personal fields of " + unreadable + " earlier entries made unreadable");
    }

    /** An operation on a subject's data names it by pseudonym and carries its personal fields sealed (mdpf1.). */
    private void countSealedPersonalFields(AuditEntry entry) {
        JsonNode details = entry.payload().path("details");
        if (details.path("subjectRef").isTextual() && details.toString().contains("\"" + ErasedPersonalFields.SEALED_FIELD)) {
            sealedSinceErasure.merge(details.path("subjectRef").asText(), 1L, Long::sum);
        }
    }

    /**
     * A batch counts its items as single operations would (so the totals do not depend on how a client
     * batched them), and once as a batch; it is one entry, partial when some items failed.
     */
    private void batch(AuditEntry entry, String operation, String batches) {
        JsonNode details = entry.payload().path("details");
        long succeeded = details.path("succeeded").asLong(0);
        long failed = details.path("failed").asLong(0);
        count(Section.ENCRYPTION_OPERATIONS, operation, succeeded + failed);
        if (failed > 0) {
            count(Section.ENCRYPTION_OPERATIONS, operation + "Failed", failed);
        }
        count(Section.ENCRYPTION_OPERATIONS, batches);
        item(Section.ENCRYPTION_OPERATIONS, entry, failed == 0 ? "SUCCESS" : succeeded == 0 ? "FAILURE" : "PARTIAL");
    }

    /** A policy change concerns every tenant unless it sets another tenant's access control. */
    private boolean concernsTenant(JsonNode details) {
        return !"access_control".equals(details.path("change").asText())
                || tenantId.equals(details.path("subject").asText());
    }

    private void add(Section section, String counter, AuditEntry entry, String outcome) {
        count(section, counter);
        item(section, entry, outcome);
    }

    private void count(Section section, String counter) {
        count(section, counter, 1);
    }

    private void count(Section section, String counter, long amount) {
        counts.get(section).merge(counter, amount, Long::sum);
    }

    private void item(Section section, AuditEntry entry, String outcome) {
        item(section, entry, outcome, Summaries.of(entry));
    }

    private void item(Section section, AuditEntry entry, String outcome, String summary) {
        List<Item> list = items.get(section);
        if (list.size() >= MAX_ITEMS) {
            truncated.put(section, true);
            return;
        }
        list.add(new Item(entry.sequence(), entry.occurredAt(), entry.simpleType(), entry.eventId(), entry.actor(), outcome,
                summary));
    }
}
