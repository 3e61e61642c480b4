package io.modulardata.infra.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Signs RS256 tokens the way the platform's services expect them. */
public final class TokenIssuer {

    public static final String DEFAULT_ISSUER = "https://modulardata.io/platform";
    public static final String TENANT_CLAIM = "tenant";

    private final PrivateKey signingKey;
    private final String issuer;

    public TokenIssuer(PrivateKey signingKey, String issuer) {
        this.signingKey = signingKey;
        this.issuer = issuer;
    }

    /**
     * @param tenant  the tenant id, required for tenant-scoped roles, may be null otherwise
     * @param subject the {@code sub} and {@code upn}; null for {@code local-<role>}
     */
    public String issue(Role role, String tenant, String subject, Duration ttl) {
        if (role.tenantScoped() && (tenant == null || tenant.isBlank())) {
            throw new IllegalArgumentException("Role " + role + " needs a tenant id (--tenant <id>)");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The token lifetime must be positive, was " + ttl.toSeconds() + " s");
        }
        String name = subject == null || subject.isBlank() ? "local-" + role.id() : subject;
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .subject(name)
                .upn(name)
                .groups(Set.of(role.id()))
                .issuedAt(now)
                .expiresAt(now.plus(ttl));
        if (tenant != null && !tenant.isBlank()) {
            claims.claim(TENANT_CLAIM, tenant);
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(signingKey);
    }
}
