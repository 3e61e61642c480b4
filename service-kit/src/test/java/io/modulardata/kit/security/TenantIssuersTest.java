package io.modulardata.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.modulardata.events.TenantIdentityProviderChanged;
import io.modulardata.events.TenantRegistered;

/** The tenant of each tenant's own identity provider, as registry-events tell it. */
class TenantIssuersTest {

    private static final String PARTNER = "https://idp.initech.example/realms/partner";

    private final AtomicInteger changes = new AtomicInteger();
    private final TenantIssuers issuers = new TenantIssuers(changes::incrementAndGet);

    @Test
    void anIssuerNamesTheTenantThatRegisteredItUntilItIsRemoved() {
        issuers.apply(providerChanged("initech", PARTNER, "modulardata"));

        assertThat(issuers.byIssuer(PARTNER)).contains(new TenantIssuers.TenantIssuer("initech", PARTNER, "modulardata"));
        assertThat(issuers.byIssuer(PARTNER + "/")).as("a trailing slash names the same issuer").isPresent();
        assertThat(issuers.byIssuer("https://idp.initech.example/realms/other")).isEmpty();

        issuers.apply(providerChanged("initech", null, null));
        assertThat(issuers.byIssuer(PARTNER)).isEmpty();
        assertThat(changes).hasValue(2);
    }

    @Test
    void aNewIssuerReplacesTheTenantsOldOne() {
        issuers.apply(providerChanged("initech", PARTNER, "modulardata"));
        issuers.apply(providerChanged("initech", "https://login.initech.example", "api"));

        assertThat(issuers.byIssuer(PARTNER)).isEmpty();
        assertThat(issuers.byIssuer("https://login.initech.example")).map(TenantIssuers.TenantIssuer::audience).contains("api");
    }

    @Test
    void onlyARealChangeForgetsTheVerifiedTokensAndOtherEventsAreIgnored() {
        issuers.apply(providerChanged("initech", PARTNER, "modulardata"));
        issuers.apply(providerChanged("initech", PARTNER, "modulardata"));
        issuers.apply(providerChanged("acme", null, null));
        issuers.apply(registered());
        issuers.apply(null);

        assertThat(changes).as("a replayed event and a removal of nothing change nothing").hasValue(1);
        assertThat(issuers.byIssuer(PARTNER)).isPresent();
    }

    static TenantIdentityProviderChanged providerChanged(String tenantId, String issuer, String audience) {
        return TenantIdentityProviderChanged.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setTenantId(tenantId).setActor("admin")
                .setCorrelationId("c").setAggregateId(tenantId).setAggregateVersion(2)
                .setIssuer(issuer).setAudience(audience).build();
    }

    private static TenantRegistered registered() {
        TenantRegistered event = new TenantRegistered();
        event.setTenantId("initech");
        event.setAggregateId("initech");
        return event;
    }
}
