package io.modulardata.audit.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComplianceCsvTest {

    @Test
    void quotesCellsWithSeparatorsQuotesOrLineBreaks() {
        assertThat(ComplianceCsv.escape("plain")).isEqualTo("plain");
        assertThat(ComplianceCsv.escape("a,b")).isEqualTo("\"a,b\"");
        assertThat(ComplianceCsv.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ComplianceCsv.escape("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void neutralisesSpreadsheetFormulas() {
        assertThat(ComplianceCsv.escape("=HYPERLINK(\"x\")")).startsWith("\"'=");
        assertThat(ComplianceCsv.escape("@cmd")).isEqualTo("'@cmd");
    }
}
