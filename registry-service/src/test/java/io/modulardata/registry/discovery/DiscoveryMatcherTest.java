package io.modulardata.registry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.registry.component.ClearanceLevel;

class DiscoveryMatcherTest {

    private static final List<String> CAPABILITIES = List.of("transform", "validate");
    private static final List<String> FORMATS = List.of("csv", "parquet");

    @Test
    void needsEveryRequestedCapability() {
        assertThat(match(List.of("transform"), List.of(), null, ClearanceLevel.PUBLIC)).isTrue();
        assertThat(match(List.of("transform", "validate"), List.of(), null, ClearanceLevel.PUBLIC)).isTrue();
        assertThat(match(List.of("transform", "stream"), List.of(), null, ClearanceLevel.PUBLIC)).isFalse();
    }

    @Test
    void needsAtLeastOneRequestedFormat() {
        assertThat(match(List.of(), List.of("json", "csv"), null, ClearanceLevel.PUBLIC)).isTrue();
        assertThat(match(List.of(), List.of("json"), null, ClearanceLevel.PUBLIC)).isFalse();
    }

    @Test
    void needsClearanceAtLeastTheMinimum() {
        assertThat(match(List.of(), List.of(), "confidential", ClearanceLevel.RESTRICTED)).isTrue();
        assertThat(match(List.of(), List.of(), "confidential", ClearanceLevel.CONFIDENTIAL)).isTrue();
        assertThat(match(List.of(), List.of(), "confidential", ClearanceLevel.INTERNAL)).isFalse();
    }

    @Test
    void refusesAnUnknownClearance() {
        assertThatThrownBy(() -> DiscoveryQuery.parse(List.of(), List.of(), "secret")).isInstanceOf(InvalidRequestException.class);
    }

    private static boolean match(List<String> capabilities, List<String> formats, String minClearance, ClearanceLevel clearance) {
        return DiscoveryMatcher.matches(DiscoveryQuery.parse(capabilities, formats, minClearance), CAPABILITIES, FORMATS, clearance);
    }
}
