package io.modulardata.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * How long a verified token is remembered, on a clock the test moves: until the token's {@code exp}
 * exactly, at most {@link VerifiedTokenCache#MAX_AGE}. A remembered token is the very object verified
 * the first time; a forgotten one goes through full verification again.
 */
class VerifiedTokenCacheTest {

    private static final String ISSUER = "https://modulardata.io/platform";
    private static final KeyPair KEYS = rsaKeys();

    private final JWTAuthContextInfo verification = new JWTAuthContextInfo(KEYS.getPublic(), ISSUER);

    @Test
    void aRememberedTokenStopsWorkingAtItsExp() throws Exception {
        // Full verification runs on the real clock: this token expired 100 s ago, which the verifier
        // tolerates at first (a generous clock skew) so that the cache gets to remember it.
        Instant exp = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(100);
        String token = token(exp);
        verification.setClockSkew(300);
        FakeTime time = new FakeTime(exp.minusSeconds(10));
        VerifiedTokenCache cache = new VerifiedTokenCache(verification, time, time);

        JsonWebToken first = cache.parse(token);
        // From here on the verifier refuses the token, as it would once its exp is past.
        verification.setClockSkew(0);
        time.advance(Duration.ofSeconds(10).minusNanos(1));
        assertThat(cache.parse(token)).as("one nanosecond before exp").isSameAs(first);

        time.advance(Duration.ofNanos(1));
        assertThatThrownBy(() -> cache.parse(token)).as("at exp").isInstanceOf(ParseException.class);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = token(now.plus(Duration.ofHours(1)));
        FakeTime time = new FakeTime(now);
        VerifiedTokenCache cache = new VerifiedTokenCache(verification, time, time);

        JsonWebToken first = cache.parse(token);
        time.advance(VerifiedTokenCache.MAX_AGE.minusNanos(1));
        assertThat(cache.parse(token)).isSameAs(first);

        time.advance(Duration.ofNanos(1));
        JsonWebToken again = cache.parse(token);
        assertThat(again).as("verified in full once more").isNotSameAs(first);
        assertThat(again.getName()).isEqualTo(first.getName());
    }

    @Test
    void aTokenPastItsExpIsNeverRemembered() throws Exception {
        Instant exp = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        String token = token(exp);
        verification.setClockSkew(60);
        FakeTime time = new FakeTime(exp);
        VerifiedTokenCache cache = new VerifiedTokenCache(verification, time, time);

        // Within the verifier's clock skew it is accepted, but each time after full verification.
        JsonWebToken first = cache.parse(token);
        assertThat(cache.parse(token)).isNotSameAs(first);
    }

    private static String token(Instant exp) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("alice");
        claims.setIssuedAt(NumericDate.fromSeconds(exp.minusSeconds(7200).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
        claims.setStringListClaim("groups", "platform-admin");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(KEYS.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One moving time for both: the wall clock {@code exp} is compared with and the cache's ticker. */
    private static final class FakeTime extends Clock implements Ticker {
        private final Instant start;
        private long elapsedNanos;

        FakeTime(Instant start) {
            this.start = start;
        }

        void advance(Duration duration) {
            elapsedNanos += duration.toNanos();
        }

        @Override
        public long read() {
            return elapsedNanos;
        }

        @Override
        public Instant instant() {
            return start.plusNanos(elapsedNanos);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
