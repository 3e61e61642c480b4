package io.modulardata.kit.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The JWT parser every request's bearer token goes through, with the tokens it has already verified
 * remembered: a client sends the same token with every call, and verifying it (parsing, base64, the RSA
 * signature) was the largest single cost of a call in the profiles (see benchmarks/results/HISTORY.md, security-service
 * benchmark). Only a byte-for-byte identical token is a hit, so a changed or re-signed token is verified
 * in full. An entry never outlives its token's {@code exp}, nor {@link #MAX_AGE}; the cache holds at most
 * {@link #MAX_TOKENS} tokens.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache extends DefaultJWTParser {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int MAX_TOKENS = 10_000;

    private final Cache<String, JsonWebToken> verified;

    public VerifiedTokenCache() {
        this.verified = cache(Clock.systemUTC(), Ticker.systemTicker());
    }

    /** Tests give the wall clock that {@code exp} is compared with and the ticker the cache ages entries by. */
    VerifiedTokenCache(JWTAuthContextInfo authContextInfo, Clock clock, Ticker ticker) {
        super(authContextInfo);
        this.verified = cache(clock, ticker);
    }

    private static Cache<String, JsonWebToken> cache(Clock clock, Ticker ticker) {
        return Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .ticker(ticker)
                .expireAfter(new UntilTokenExpires(clock))
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken parsed = super.parse(token);
        verified.put(token, parsed);
        return parsed;
    }

    /** Keeps an entry until its token's expiry, at most {@link #MAX_AGE}. */
    private static final class UntilTokenExpires implements Expiry<String, JsonWebToken> {

        private final Clock clock;

        UntilTokenExpires(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
            long untilExpiry = Duration.between(clock.instant(), Instant.ofEpochSecond(jwt.getExpirationTime())).toNanos();
            return Math.max(0, Math.min(untilExpiry, MAX_AGE.toNanos()));
        }

        @Override
        public long expireAfterUpdate(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(token, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
