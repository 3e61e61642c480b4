package io.modulardata.audit.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.modulardata.audit.chain.VerifyResult;

/** A framework's view of one tenant's history over a period. */
public record ComplianceReport(String tenantId, Framework framework, Instant from, Instant to, Instant generatedAt,
        Map<String, SectionReport> sections, VerifyResult chainVerification) {

    /** Counts (exact) and the entries behind them (at most {@link ComplianceReportBuilder#MAX_ITEMS}, then {@code truncated}). */
    public record SectionReport(String title, Map<String, Long> counts, List<Item> entries, boolean truncated) {
    }

    public record Item(long sequence, Instant occurredAt, String eventType, String eventId, String actor, String outcome,
            String summary) {
    }
}
