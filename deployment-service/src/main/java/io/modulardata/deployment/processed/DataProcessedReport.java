package io.modulardata.deployment.processed;

import io.modulardata.kit.problem.FieldErrors;

/** What a running component reports: gigabytes processed since its previous report. */
public record DataProcessedReport(Double processedGb) {

    /** One report at most this much: larger is a typo or a counter reset, not a measurement. */
    static final double MAX_GB_PER_REPORT = 1_000_000;
    /** And at least a kilobyte: less is rounding noise (or an attempt to store a denormal). */
    static final double MIN_GB_PER_REPORT = 0.000001;

    /** The reported gigabytes; a missing value, or one outside 0.000001–1,000,000, is a 400 on {@code processedGb}. */
    static double validGb(DataProcessedReport report) {
        Double gb = report == null ? null : report.processedGb();
        FieldErrors errors = new FieldErrors();
        if (gb == null) {
            errors.add("processedGb", "is required");
        } else if (gb.isNaN() || gb.isInfinite() || gb < MIN_GB_PER_REPORT || gb > MAX_GB_PER_REPORT) {
            errors.add("processedGb", "must be between 0.000001 and 1000000 (gigabytes processed since the previous report)");
        }
        errors.throwIfAny();
        return gb;
    }
}
