package io.modulardata.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DotSegmentGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"/tenants/alpha/grants/..", "/tenants/alpha/grants/%2E%2E", "/tenants/alpha/grants/%2e%2E?x=1",
            "/tenants/./alpha", "/tenants/%2e/alpha", "/tenants/alpha/grants/.%2E/"})
    void refusesDotSegmentsPlainOrEncoded(String target) {
        assertThat(DotSegmentGuard.hasDotSegment(target)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tenants/alpha", "/tenants/alpha/grants/etl-core-2.1.0", "/components/a.b/versions/1.0.0",
            "/tenants/alpha/grants/...", "/audit/events?from=..&to=.", "/tenants/%2E%2Ex", "/"})
    void letsEverythingElseThrough(String target) {
        assertThat(DotSegmentGuard.hasDotSegment(target)).isFalse();
    }
}
