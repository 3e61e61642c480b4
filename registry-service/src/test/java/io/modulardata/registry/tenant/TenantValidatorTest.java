package io.modulardata.registry.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.IntNode;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;

class TenantValidatorTest {

    @Test
    void nullLimitsMeanUnlimited() {
        var configuration = TenantValidator.forRegistration(new TenantRequest("acme", "Acme", DataProcessingTier.BASIC, 2, null,
                List.of(DataEnvironment.DEVELOPMENT), null, Map.of("maxRows", IntNode.valueOf(10)))).configuration();
        assertThat(configuration.maxMonthlyProcessingHours()).isNull();
        assertThat(configuration.dataStorageQuotaGb()).isNull();
        assertThat(configuration.customDataProcessingLimits()).containsEntry("maxRows", "10");
    }

    @Test
    void rejectsNonPositiveLimitsAndBadIds() {
        var request = new TenantRequest("Acme Corp", "Acme", DataProcessingTier.BASIC, 0, -5,
                List.of(DataEnvironment.DEVELOPMENT, DataEnvironment.DEVELOPMENT), 0, null);
        assertThatThrownBy(() -> TenantValidator.forRegistration(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("tenantId", "maxConcurrentJobs", "maxMonthlyProcessingHours",
                                "dataStorageQuotaGb", "allowedDataEnvironments[1]"));
    }

    @Test
    void reservesThePlatformTenantId() {
        var request = new TenantRequest("platform", "P", DataProcessingTier.BASIC, 1, null, List.of(DataEnvironment.STAGING), null, null);
        assertThatThrownBy(() -> TenantValidator.forRegistration(request)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void reconfigurationMayNotRenameTheTenant() {
        var request = new TenantRequest("other", "Acme", DataProcessingTier.BASIC, 1, null, List.of(DataEnvironment.STAGING), null, null);
        assertThatThrownBy(() -> TenantValidator.forReconfiguration("acme", request))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("tenantId"));
    }

    @Test
    void refusesNamesPostgresCannotStoreButTakesAnyOtherUnicode() {
        for (String name : List.of("Acme\u0000Corp", "Acme \ud800", "\udc00")) {
            var request = new TenantRequest("acme", name, DataProcessingTier.BASIC, 1, null, List.of(DataEnvironment.DEVELOPMENT),
                    null, null);
            assertThatThrownBy(() -> TenantValidator.forRegistration(request)).as(name)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                            .containsExactly("tenantName"));
        }
        var unicode = new TenantRequest("acme", "Acme \u202Eprocs\u0301 \uD83D\uDE00", DataProcessingTier.BASIC, 1, null,
                List.of(DataEnvironment.DEVELOPMENT), null, null);
        assertThat(TenantValidator.forRegistration(unicode).configuration().tenantName()).isEqualTo(unicode.tenantName());
    }
}
