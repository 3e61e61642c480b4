package io.modulardata.kit.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.avro.generic.GenericRecord;

import io.modulardata.events.TenantIdentityProviderChanged;

/**
 * Which tenant brought which identity provider: the projection of {@code TenantIdentityProviderChanged} from
 * registry-events ({@link TenantIssuersFeed} feeds it), held in memory. A change makes the tokens verified so far
 * unverified again ({@link VerifiedTokenCache#forgetAll()}), so a removed or replaced provider's tokens stop
 * working at once.
 */
@ApplicationScoped
public class TenantIssuers {

    /** A tenant's own provider: tokens of {@code issuer} carrying {@code audience} belong to {@code tenantId}. */
    public record TenantIssuer(String tenantId, String issuer, String audience) {
    }

    static final String EVENT_TYPE = TenantIdentityProviderChanged.getClassSchema().getFullName();

    private final Runnable onChange;
    private final Map<String, TenantIssuer> byTenant = new HashMap<>();
    private volatile Map<String, TenantIssuer> byIssuer = Map.of();

    @Inject
    public TenantIssuers(VerifiedTokenCache verified) {
        this(verified::forgetAll);
    }

    TenantIssuers(Runnable onChange) {
        this.onChange = onChange;
    }

    /** The tenant whose own provider is this issuer (a trailing slash names the same issuer). */
    public Optional<TenantIssuer> byIssuer(String issuer) {
        return Optional.ofNullable(byIssuer.get(IssuerUrls.comparable(issuer)));
    }

    /** Applies one registry event; any other event type is none of its business. Replaying one changes nothing. */
    public synchronized void apply(GenericRecord event) {
        if (event == null || !EVENT_TYPE.equals(event.getSchema().getFullName())) {
            return;
        }
        String tenantId = text(event, "aggregateId");
        String issuer = text(event, "issuer");
        TenantIssuer now = issuer == null ? null : new TenantIssuer(tenantId, issuer, text(event, "audience"));
        TenantIssuer before = now == null ? byTenant.remove(tenantId) : byTenant.put(tenantId, now);
        if (!Objects.equals(before, now)) {
            Map<String, TenantIssuer> index = new HashMap<>();
            byTenant.values().forEach(provider -> index.put(IssuerUrls.comparable(provider.issuer()), provider));
            byIssuer = Map.copyOf(index);
            onChange.run();
        }
    }

    private static String text(GenericRecord event, String field) {
        Object value = event.get(field);
        return value == null ? null : value.toString();
    }
}
