package io.modulardata.registry.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;

class ComponentValidatorTest {

    static ComponentRequest valid() {
        return new ComponentRequest("etl-core", "ETL core", "2.1.0", List.of("transform"), List.of("parquet"), Map.of(),
                ClearanceLevel.INTERNAL, List.of("SOC2"), List.of(), null);
    }

    @Test
    void acceptsAValidRegistrationWithLineageTrackingByDefault() {
        ComponentDefinition definition = ComponentValidator.validate(valid());
        assertThat(definition.dataLineageTracking()).isTrue();
        assertThat(definition.componentKey()).isEqualTo("etl-core-2.1.0");
    }

    @Test
    void rejectsComponentWithoutCapabilitiesOrFormats() {
        var request = new ComponentRequest("etl-core", "ETL core", "2.1.0", List.of(), null, null,
                ClearanceLevel.PUBLIC, null, null, true);
        assertThatThrownBy(() -> ComponentValidator.validate(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("dataProcessingCapabilities", "supportedDataFormats"));
    }

    @Test
    void namesEachBadFieldIncludingListPositions() {
        var request = new ComponentRequest("Etl_Core", " ", "2.1", List.of("ok", "Bad Cap"), List.of("csv", "csv"), null,
                null, null, List.of("base@notaversion"), null);
        assertThatThrownBy(() -> ComponentValidator.validate(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("componentId", "componentName", "securityClearanceLevel", "componentVersion",
                                "dataProcessingCapabilities[1]", "supportedDataFormats[1]", "dependencies[0]"));
    }
}
