package io.modulardata.kit.security;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Verifies each bearer token once: a client sends the same token with every call, and verifying it (parsing,
 * base64, the RSA signature) was the largest single cost of a call in the profiles (see
 * benchmarks/results/HISTORY.md, security-service benchmark). It stands before quarkus-oidc's verification and
 * remembers what that verified. Only a byte-for-byte identical token is a hit, so a changed or re-signed token
 * is verified in full. An entry never outlives its token's {@code exp}, nor {@link #MAX_AGE}; the cache holds
 * at most {@link #MAX_TOKENS} tokens. Roles and tenant are derived again on every call
 * ({@link CallerIdentityAugmentor}), from what was verified.
 */
@ApplicationScoped
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int MAX_TOKENS = 10_000;

    private final IdentityProvider<TokenAuthenticationRequest> verification;
    private final Cache<String, SecurityIdentity> verified;
    /** Counts {@link #forgetAll()}: a verification that began before one is not remembered. */
    private final AtomicLong forgotten = new AtomicLong();

    @Inject
    public VerifiedTokenCache(OidcIdentityProvider verification) {
        this(verification, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** Tests give the wall clock that {@code exp} is compared with and the ticker the cache ages entries by. */
    VerifiedTokenCache(IdentityProvider<TokenAuthenticationRequest> verification, Clock clock, Ticker ticker) {
        this.verification = verification;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .ticker(ticker)
                .expireAfter(new UntilTokenExpires(clock))
                .build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before quarkus-oidc's own provider, which it calls itself when the token is new. */
    @Override
    public int priority() {
        return verification.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        SecurityIdentity known = verified.getIfPresent(token);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long generation = forgotten.get();
        return verification.authenticate(request, context).invoke(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken && generation == forgotten.get()) {
                verified.put(token, withoutRequest(identity));
            }
        });
    }

    /** Forgets every token, e.g. when the issuers one may come from change ({@link TenantIssuers}). */
    public void forgetAll() {
        forgotten.incrementAndGet();
        verified.invalidateAll();
    }

    /** What was verified, without the request it came with (kept, that would hold every request's objects). */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder kept = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addRoles(identity.getRoles());
        for (Map.Entry<String, Object> attribute : identity.getAttributes().entrySet()) {
            if (attribute.getKey().equals(OidcUtils.TENANT_ID_ATTRIBUTE)
                    || attribute.getKey().equals(OidcUtils.QUARKUS_IDENTITY_EXPIRE_TIME)) {
                kept.addAttribute(attribute.getKey(), attribute.getValue());
            }
        }
        return kept.build();
    }

    /** Keeps an entry until its token's expiry, at most {@link #MAX_AGE}. */
    private static final class UntilTokenExpires implements Expiry<String, SecurityIdentity> {

        private final Clock clock;

        UntilTokenExpires(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String token, SecurityIdentity identity, long currentTime) {
            Principal principal = identity.getPrincipal();
            long expiry = ((JsonWebToken) principal).getExpirationTime();
            long untilExpiry = Duration.between(clock.instant(), Instant.ofEpochSecond(expiry)).toNanos();
            return Math.max(0, Math.min(untilExpiry, MAX_AGE.toNanos()));
        }

        @Override
        public long expireAfterUpdate(String token, SecurityIdentity identity, long currentTime, long currentDuration) {
            return expireAfterCreate(token, identity, currentTime);
        }

        @Override
        public long expireAfterRead(String token, SecurityIdentity identity, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
