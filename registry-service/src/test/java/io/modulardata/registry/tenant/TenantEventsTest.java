package io.modulardata.registry.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;
import io.modulardata.kit.command.CommandContext;

class TenantEventsTest {

    private final CommandContext context = new CommandContext("alice", "corr-1");
    private final TenantConfiguration basic = new TenantConfiguration("Acme", DataProcessingTier.BASIC, 2, null,
            List.of(DataEnvironment.DEVELOPMENT), null, Map.of());

    @Test
    void registrationCarriesTheEnvelope() {
        var event = TenantEvents.registered(basic, context.metadata("acme", "acme"));
        assertThat(event.getTenantId()).isEqualTo("acme");
        assertThat(event.getAggregateVersion()).as("numbered by the recorder (EventRecorderTest)").isZero();
        assertThat(event.getActor()).isEqualTo("alice");
        assertThat(event.getCorrelationId()).isEqualTo("corr-1");
        assertThat(event.getEventId()).isNotNull();
    }

    @Test
    void reconfigurationListsOnlyChangedFields() {
        var upgraded = new TenantConfiguration("Acme", DataProcessingTier.ENTERPRISE, 5, null,
                List.of(DataEnvironment.DEVELOPMENT), null, Map.of());
        var event = TenantEvents.reconfigured(basic, upgraded, context.metadata("acme", "acme")).orElseThrow();
        assertThat(event.getChangedFields()).containsExactly("dataProcessingTier", "maxConcurrentJobs");
    }

    @Test
    void configurationSurvivesBothEventTypesUnchanged() {
        var upgraded = new TenantConfiguration("Acme", DataProcessingTier.CUSTOM, 9, 100,
                List.of(DataEnvironment.PRODUCTION, DataEnvironment.STAGING), 50, Map.of("maxRows", "10"));
        assertThat(TenantConfigurationFields.read(TenantEvents.registered(upgraded, context.metadata("acme", "acme"))))
                .isEqualTo(upgraded);
        assertThat(TenantConfigurationFields.read(TenantEvents.reconfigured(basic, upgraded, context.metadata("acme", "acme"))
                .orElseThrow())).isEqualTo(upgraded);
    }

    @Test
    void identicalConfigurationIsNoEvent() {
        assertThat(TenantEvents.reconfigured(basic, basic, context.metadata("acme", "acme"))).isEmpty();
    }
}
