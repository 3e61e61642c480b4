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
                ClearanceLevel.INTERNAL, List.of("SOC2"), List.of(), null, null);
    }

    @Test
    void acceptsAValidRegistrationWithLineageTrackingByDefault() {
        ComponentDefinition definition = ComponentValidator.validate(valid());
        assertThat(definition.dataLineageTracking()).isTrue();
        assertThat(definition.componentKey()).isEqualTo("etl-core-2.1.0");
        assertThat(definition.containerImages()).isEmpty();
    }

    private static ComponentRequest withImages(List<String> images) {
        var v = valid();
        return new ComponentRequest(v.componentId(), v.componentName(), v.componentVersion(), v.dataProcessingCapabilities(),
                v.supportedDataFormats(), v.resourceRequirements(), v.securityClearanceLevel(), v.complianceCertifications(),
                v.dependencies(), v.dataLineageTracking(), images);
    }

    @Test
    void acceptsImageReferencesByRepositoryTagOrDigest() {
        List<String> images = List.of("registry.example.com/data/etl-core", "registry.example.com/data/etl-core:2.1.0",
                "registry.example.com:5000/team/etl_core:v2.1-rc.1", "ghcr.io/acme/etl@sha256:" + "0a".repeat(32), "busybox",
                "localhost:5000");
        assertThat(ComponentValidator.validate(withImages(images)).containerImages()).isEqualTo(images);
    }

    @Test
    void refusesMalformedImageReferencesNamingEachPosition() {
        List<String> images = java.util.Arrays.asList("Registry.example.com/etl", "etl:", "etl@sha256:abc", "etl:tag@sha256:" + "0a".repeat(32),
                "etl:a b", "../etl", null, "etl,other", "etl:" + "t".repeat(129), "registry.example.com/data/etl-core",
                "registry.example.com/data/etl-core", "host:5000:tag/x", "etl\u0000");
        assertThatThrownBy(() -> ComponentValidator.validate(withImages(images)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("containerImages[0]", "containerImages[1]", "containerImages[2]", "containerImages[3]",
                                "containerImages[4]", "containerImages[5]", "containerImages[6]", "containerImages[7]",
                                "containerImages[8]", "containerImages[10]", "containerImages[11]", "containerImages[12]"));
        assertThatThrownBy(() -> ComponentValidator.validate(withImages(java.util.Collections.nCopies(21, "etl"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("containerImages"));
    }

    @Test
    void rejectsComponentWithoutCapabilitiesOrFormats() {
        var request = new ComponentRequest("etl-core", "ETL core", "2.1.0", List.of(), null, null,
                ClearanceLevel.PUBLIC, null, null, true, null);
        assertThatThrownBy(() -> ComponentValidator.validate(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("dataProcessingCapabilities", "supportedDataFormats"));
    }

    @Test
    void namesEachBadFieldIncludingListPositions() {
        var request = new ComponentRequest("Etl_Core", " ", "2.1", List.of("ok", "Bad Cap"), List.of("csv", "csv"), null,
                null, null, List.of("base@notaversion"), null, null);
        assertThatThrownBy(() -> ComponentValidator.validate(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("componentId", "componentName", "securityClearanceLevel", "componentVersion",
                                "dataProcessingCapabilities[1]", "supportedDataFormats[1]", "dependencies[0]"));
    }
}
