package io.modulardata.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import io.modulardata.fixtures.ManualClock;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * How long a verified token is remembered, on a clock the test moves: until the token's {@code exp}
 * exactly, at most {@link VerifiedTokenCache#MAX_AGE}. A remembered token is the very object verified
 * the first time; a forgotten one goes through full verification again (here smallrye-jwt's parser on the
 * real clock, standing in for quarkus-oidc's, whose clock a test cannot move).
 */
class VerifiedTokenCacheTest {

    private static final String ISSUER = "https://modulardata.io/platform";
    private static final KeyPair KEYS = rsaKeys();

    private final JWTAuthContextInfo verification = new JWTAuthContextInfo(KEYS.getPublic(), ISSUER);
    private final IdentityProvider<TokenAuthenticationRequest> verifier = new Verifier(verification);

    @Test
    void aRememberedTokenStopsWorkingAtItsExp() throws Exception {
        // Full verification runs on the real clock: this token expired 100 s ago, which the verifier
        // tolerates at first (a generous clock skew) so that the cache gets to remember it.
        Instant exp = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(100);
        String token = token(exp);
        verification.setClockSkew(300);
        FakeTime time = new FakeTime(exp.minusSeconds(10));
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, time, time);

        JsonWebToken first = parse(cache, token);
        // From here on the verifier refuses the token, as it would once its exp is past.
        verification.setClockSkew(0);
        time.advance(Duration.ofSeconds(10).minusNanos(1));
        assertThat(parse(cache, token)).as("one nanosecond before exp").isSameAs(first);

        time.advance(Duration.ofNanos(1));
        assertThatThrownBy(() -> parse(cache, token)).as("at exp").isInstanceOf(AuthenticationFailedException.class)
                .hasCauseInstanceOf(ParseException.class);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = token(now.plus(Duration.ofHours(1)));
        FakeTime time = new FakeTime(now);
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, time, time);

        JsonWebToken first = parse(cache, token);
        time.advance(VerifiedTokenCache.MAX_AGE.minusNanos(1));
        assertThat(parse(cache, token)).isSameAs(first);

        time.advance(Duration.ofNanos(1));
        JsonWebToken again = parse(cache, token);
        assertThat(again).as("verified in full once more").isNotSameAs(first);
        assertThat(again.getName()).isEqualTo(first.getName());
    }

    @Test
    void aTokenPastItsExpIsNeverRemembered() throws Exception {
        Instant exp = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(10);
        String token = token(exp);
        verification.setClockSkew(60);
        FakeTime time = new FakeTime(exp);
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, time, time);

        // Within the verifier's clock skew it is accepted, but each time after full verification.
        JsonWebToken first = parse(cache, token);
        assertThat(parse(cache, token)).isNotSameAs(first);
    }

    @Test
    void forgettingAllMakesEveryTokenBeVerifiedAgain() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = token(now.plus(Duration.ofHours(1)));
        FakeTime time = new FakeTime(now);
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, time, time);

        JsonWebToken first = parse(cache, token);
        cache.forgetAll();
        assertThat(parse(cache, token)).isNotSameAs(first);
    }

    @Test
    void aVerificationBegunBeforeTheIssuersChangedIsNotRemembered() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = token(now.plus(Duration.ofHours(1)));
        FakeTime time = new FakeTime(now);
        VerifiedTokenCache[] cache = new VerifiedTokenCache[1];
        // A tenant's provider is removed while this token is being verified with it.
        IdentityProvider<TokenAuthenticationRequest> changingMidway = new Verifier(verification) {
            @Override
            public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
                return super.authenticate(request, context).invoke(cache[0]::forgetAll);
            }
        };
        cache[0] = new VerifiedTokenCache(changingMidway, time, time);

        JsonWebToken first = parse(cache[0], token);
        assertThat(parse(cache[0], token)).isNotSameAs(first);
    }

    /** The verified token a request with this bearer token is let in as. */
    private static JsonWebToken parse(VerifiedTokenCache cache, String token) {
        SecurityIdentity identity = cache.authenticate(new TokenAuthenticationRequest(new AccessTokenCredential(token)), null)
                .await().indefinitely();
        return (JsonWebToken) identity.getPrincipal();
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

    /** Full verification: a new principal each time, or a refusal, as quarkus-oidc's provider answers. */
    private static class Verifier implements IdentityProvider<TokenAuthenticationRequest> {
        private final JWTAuthContextInfo verification;

        Verifier(JWTAuthContextInfo verification) {
            this.verification = verification;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            try {
                JsonWebToken jwt = new DefaultJWTParser(verification).parse(request.getToken().getToken());
                return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRoles(jwt.getGroups()).build());
            } catch (ParseException refused) {
                return Uni.createFrom().failure(new AuthenticationFailedException(refused));
            }
        }
    }

    /** One moving time for both: the wall clock {@code exp} is compared with and the cache's ticker. */
    private static final class FakeTime extends ManualClock implements Ticker {
        FakeTime(Instant start) {
            super(start);
        }

        @Override
        public long read() {
            return elapsedNanos();
        }
    }
}
