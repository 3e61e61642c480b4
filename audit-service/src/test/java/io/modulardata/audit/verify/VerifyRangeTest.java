package io.modulardata.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.modulardata.kit.problem.InvalidRequestException;

class VerifyRangeTest {

    @Test
    void readsSequenceNumbersAsBefore() {
        assertThat(VerifyRange.parse("3", "9")).isEqualTo(new VerifyRange(3L, 9L, null, null));
        assertThat(VerifyRange.parse(null, "9").byTime()).isFalse();
        assertThat(VerifyRange.parse(null, null)).isEqualTo(new VerifyRange(null, null, null, null));
    }

    @Test
    void readsIso8601InstantsAsAPeriodOfOccurredAt() {
        VerifyRange range = VerifyRange.parse("2026-01-01T00:00:00Z", "2026-01-02T01:00:00+01:00");
        assertThat(range.byTime()).isTrue();
        assertThat(range.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(VerifyRange.parse(null, "2026-01-02T00:00:00Z").byTime()).isTrue();
    }

    @Test
    void namesTheParameterThatIsNeitherKind() {
        assertThat(field(() -> VerifyRange.parse("0", null))).isEqualTo("from");
        assertThat(field(() -> VerifyRange.parse("99999999999999999999", null))).isEqualTo("from");
        assertThat(field(() -> VerifyRange.parse(null, "2026-01-01"))).isEqualTo("to");
        assertThat(field(() -> VerifyRange.parse("2026-01-01T00:00:00Z", "12"))).isEqualTo("to");
        assertThat(field(() -> VerifyRange.parse("9", "2"))).isEqualTo("from");
        assertThat(field(() -> VerifyRange.parse("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z"))).isEqualTo("from");
    }

    private static String field(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidRequestException e) {
            return e.errors().get(0).field();
        }
        throw new AssertionError("expected a 400 for bad input");
    }

    @Test
    void refusesInstantsBeyondWhatTheDatabaseHolds() {
        assertThat(field(() -> VerifyRange.parse("+999999999-12-31T23:59:59Z", null))).isEqualTo("from");
        assertThat(field(() -> VerifyRange.parse(null, "-999999999-01-01T00:00:00Z"))).isEqualTo("to");
        java.util.List<io.modulardata.kit.problem.FieldError> errors = new java.util.ArrayList<>();
        assertThat(io.modulardata.audit.query.EventQuery.instant("from", "+999999999-12-31T23:59:59Z", errors)).isNull();
        assertThat(errors).extracting(io.modulardata.kit.problem.FieldError::field).containsExactly("from");
    }
}
