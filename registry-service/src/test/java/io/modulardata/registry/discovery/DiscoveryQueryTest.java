package io.modulardata.registry.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.modulardata.kit.problem.InvalidRequestException;
import io.modulardata.registry.component.ClearanceLevel;

/** The query as PostgreSQL gets it (the rules themselves run there: GrantAndDiscoveryApiTest). */
class DiscoveryQueryTest {

    @Test
    void takesTermsInAnyLetterCaseAsTheReadModelStoresThem() {
        DiscoveryQuery query = DiscoveryQuery.parse(List.of("Transform", "transform"), List.of("PARQUET"), "Confidential");
        assertThat(query.capabilities()).containsExactly("transform");
        assertThat(query.dataFormats()).containsExactly("parquet");
        assertThat(query.minClearance()).isEqualTo(ClearanceLevel.CONFIDENTIAL);
    }

    @Test
    void asksForAnyClearanceWhenNoneIsGiven() {
        assertThat(DiscoveryQuery.parse(List.of(), List.of(), null).minClearance().andAbove())
                .containsExactly(ClearanceLevel.values());
    }

    @Test
    void aMinimumClearanceFindsItselfAndEveryHigherLevel() {
        assertThat(ClearanceLevel.CONFIDENTIAL.andAbove()).containsExactly(ClearanceLevel.CONFIDENTIAL, ClearanceLevel.RESTRICTED);
        assertThat(ClearanceLevel.RESTRICTED.andAbove()).containsExactly(ClearanceLevel.RESTRICTED);
    }

    @Test
    void refusesAnUnknownClearanceAndTooManyTerms() {
        assertThatThrownBy(() -> DiscoveryQuery.parse(List.of(), List.of(), "secret")).isInstanceOf(InvalidRequestException.class);
        List<String> many = Collections.nCopies(DiscoveryQuery.MAX_TERMS + 1, "csv");
        assertThatThrownBy(() -> DiscoveryQuery.parse(List.of(), many, null)).isInstanceOf(InvalidRequestException.class);
    }
}
