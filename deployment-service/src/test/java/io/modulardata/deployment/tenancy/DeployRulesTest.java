package io.modulardata.deployment.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.modulardata.deployment.registry.ComponentFacts;
import io.modulardata.deployment.registry.TenantFacts;
import io.modulardata.events.ComponentStatus;
import io.modulardata.events.DataEnvironment;
import io.modulardata.events.DataProcessingTier;

class DeployRulesTest {

    private static final TenantFacts ACME = new TenantFacts("acme", 2, Set.of(DataEnvironment.DEVELOPMENT, DataEnvironment.STAGING),
            DataProcessingTier.PROFESSIONAL, 500, Map.of());
    private static final String KEY = "etl-core-2.1.0";

    private static ComponentFacts component(ComponentStatus status) {
        return new ComponentFacts(KEY, "etl-core", "2.1.0", status, List.of("registry.example.com/data/etl-core"));
    }

    private static DeployRefusal refusal(Runnable check) {
        return Refusals.of(check);
    }

    @Test
    void allowsAGrantedActiveVersionWithoutWarnings() {
        assertThat(DeployRules.check("acme", ACME, DataEnvironment.STAGING, "etl-core", KEY, true,
                component(ComponentStatus.ACTIVE), Set.of())).isEmpty();
    }

    @Test
    void refusesAnUnknownTenant() {
        var r = refusal(() -> DeployRules.check("ghost", null, DataEnvironment.STAGING, "etl-core", KEY, true,
                component(ComponentStatus.ACTIVE), Set.of()));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.field()).isEqualTo("tenantId");
        assertThat(r.detail()).contains("ghost");
    }

    @Test
    void refusesAnEnvironmentTheTenantMayNotUse() {
        var r = refusal(() -> DeployRules.check("acme", ACME, DataEnvironment.PRODUCTION, "etl-core", KEY, true,
                component(ComponentStatus.ACTIVE), Set.of()));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.field()).isEqualTo("environment");
        assertThat(r.detail()).contains("PRODUCTION").contains("[DEVELOPMENT, STAGING]");
    }

    @Test
    void refusesAVersionNotGrantedToTheTenant() {
        var r = refusal(() -> DeployRules.check("acme", ACME, DataEnvironment.STAGING, "etl-core", KEY, false,
                component(ComponentStatus.ACTIVE), Set.of()));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.field()).isEqualTo("componentVersion");
    }

    @Test
    void refusesSunsetAndArchivedVersions() {
        for (ComponentStatus status : new ComponentStatus[] {ComponentStatus.SUNSET, ComponentStatus.ARCHIVED}) {
            var r = refusal(() -> DeployRules.check("acme", ACME, DataEnvironment.STAGING, "etl-core", KEY, true,
                    component(status), Set.of()));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.field()).isEqualTo("componentVersion");
            assertThat(r.detail()).contains(status.name());
        }
    }

    @Test
    void deploysADeprecatedVersionWithAWarning() {
        assertThat(DeployRules.check("acme", ACME, DataEnvironment.STAGING, "etl-core", KEY, true,
                component(ComponentStatus.DEPRECATED), Set.of())).singleElement().asString().contains("DEPRECATED");
    }

    @Test
    void refusesWhenMaxConcurrentJobsAreTakenByOtherComponents() {
        var r = refusal(() -> DeployRules.check("acme", ACME, DataEnvironment.STAGING, "etl-core", KEY, true,
                component(ComponentStatus.ACTIVE), Set.of("loader", "cleaner")));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.field()).isEqualTo("componentId");
        assertThat(r.detail()).contains("2 of its 2");
    }

    @Test
    void replacingALiveComponentDoesNotCountAsAnotherJob() {
        assertThat(DeployRules.check("acme", ACME, DataEnvironment.STAGING, "etl-core", KEY, true,
                component(ComponentStatus.ACTIVE), Set.of("etl-core", "loader"))).isEmpty();
    }
}
