package io.modulardata.console.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.console.signin.Scope;
import io.modulardata.console.support.Events;

class TenantsViewTest {

    private final TenantsView view = new TenantsView();

    @Test
    void aTenantHoldsItsConfigurationGrantsKeyVersionsAndFrameworks() {
        view.apply(Events.decoded("registry-events", Events.tenantRegistered("acme", "Acme Corp", 5)));
        view.apply(Events.decoded("registry-events", Events.granted("acme", "etl-core", "2.1.0")));
        view.apply(Events.decoded("security-events", Events.security("acme", "key_created",
                Map.of("keyVersion", "1", "origin", "derived"))));
        view.apply(Events.decoded("security-events", Events.security("acme", "key_rotated",
                Map.of("keyVersion", "2", "origin", "derived"))));
        view.apply(Events.decoded("security-events", Events.security("acme", "compliance_configuration",
                Map.of("framework", "GDPR", "settings", "{\"retentionDays\":30}"))));
        view.apply(Events.decoded("security-events", Events.security("acme", "data_encryption", Map.of("keyVersion", "2"))));

        Tenant acme = view.find("acme", Scope.everything()).orElseThrow();
        assertThat(acme.name()).isEqualTo("Acme Corp");
        assertThat(acme.tier()).isEqualTo("PROFESSIONAL");
        assertThat(acme.maxConcurrentJobs()).isEqualTo(5);
        assertThat(acme.allowedEnvironments()).containsExactly("STAGING");
        assertThat(acme.customLimits()).containsEntry("maxRowsPerJob", "1000");
        assertThat(acme.grants()).extracting(Tenant.Grant::componentKey).containsExactly("etl-core-2.1.0");
        assertThat(acme.keyVersions()).extracting(Tenant.KeyVersion::version).containsExactly(1, 2);
        assertThat(acme.primaryKeyVersion()).isEqualTo(2);
        assertThat(acme.frameworks()).extracting(Tenant.Framework::name).containsExactly("GDPR");
    }

    @Test
    void aTenantScopeSeesOnlyItsOwnTenantAndAnotherAnswersNothing() {
        view.apply(Events.decoded("registry-events", Events.tenantRegistered("acme", "Acme Corp", 5)));
        view.apply(Events.decoded("registry-events", Events.tenantRegistered("globex", "Globex", 1)));

        assertThat(view.list(Scope.tenant("acme"))).extracting(Tenant::tenantId).containsExactly("acme");
        assertThat(view.list(Scope.everything())).extracting(Tenant::tenantId).containsExactly("acme", "globex");
        assertThat(view.find("globex", Scope.tenant("acme"))).isEmpty();
        assertThat(view.find("acme", new Scope(false, null))).isEmpty();
    }

    @Test
    void securityEventsOfAnUnregisteredTenantListNoTenant() {
        view.apply(Events.decoded("security-events", Events.security("ghost", "key_created",
                Map.of("keyVersion", "1", "origin", "derived"))));

        assertThat(view.list(Scope.everything())).isEmpty();
        assertThat(view.find("ghost", Scope.everything())).isEmpty();
    }
}
