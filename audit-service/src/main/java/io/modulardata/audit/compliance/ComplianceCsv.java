package io.modulardata.audit.compliance;

import java.util.Map;

import io.modulardata.audit.chain.VerifyResult;
import io.modulardata.audit.compliance.ComplianceReport.Item;
import io.modulardata.audit.compliance.ComplianceReport.SectionReport;

/**
 * The report as one CSV table (RFC 4180): {@code count} rows carry a metric and its value, {@code entry}
 * rows the events behind them, and {@code chainVerification} rows the verification result.
 */
public final class ComplianceCsv {

    static final String HEADER = "section,kind,name,value,sequence,occurredAt,eventType,eventId,actor,summary";

    private ComplianceCsv() {
    }

    public static String of(ComplianceReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        row(csv, "report", "info", "tenantId", report.tenantId());
        row(csv, "report", "info", "framework", report.framework().name());
        row(csv, "report", "info", "from", report.from().toString());
        row(csv, "report", "info", "to", report.to().toString());
        for (Map.Entry<String, SectionReport> section : report.sections().entrySet()) {
            section.getValue().counts().forEach((name, value) -> row(csv, section.getKey(), "count", name, value.toString()));
            for (Item item : section.getValue().entries()) {
                row(csv, section.getKey(), "entry", item.outcome(), "", String.valueOf(item.sequence()),
                        item.occurredAt().toString(), item.eventType(), item.eventId(), item.actor(), item.summary());
            }
        }
        VerifyResult verification = report.chainVerification();
        row(csv, "chainVerification", "count", "valid", String.valueOf(verification.valid()));
        row(csv, "chainVerification", "count", "checkedEntries", String.valueOf(verification.checkedEntries()));
        if (!verification.valid()) {
            row(csv, "chainVerification", "count", "firstBrokenSequence", String.valueOf(verification.firstBrokenSequence()));
            row(csv, "chainVerification", "count", "reason", verification.reason());
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, String... cells) {
        for (int i = 0; i < 10; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(i < cells.length ? escape(cells[i]) : "");
        }
        csv.append("\r\n");
    }

    static String escape(String cell) {
        if (cell == null) {
            return "";
        }
        // A leading =, +, - or @ would be run as a formula by spreadsheets: quote it with an apostrophe.
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
