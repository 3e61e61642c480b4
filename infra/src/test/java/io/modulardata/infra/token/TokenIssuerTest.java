package io.modulardata.infra.token;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenIssuerTest {

    @TempDir
    Path dir;

    @Test
    void issuesATokenThatVerifiesWithThePublicKeyAndCarriesTheClaims() throws Exception {
        JwtKeys keys = JwtKeys.loadOrCreate(dir);
        String token = new TokenIssuer(keys.privateKey(), TokenIssuer.DEFAULT_ISSUER)
                .issue(Role.TENANT_ADMIN, "acme", null, Duration.ofSeconds(600));

        JwtClaims claims = verify(token, JwtKeys.loadOrCreate(dir));

        assertThat(claims.getIssuer()).isEqualTo("https://modulardata.io/platform");
        assertThat(claims.getSubject()).isEqualTo("local-tenant-admin");
        assertThat(claims.getClaimValueAsString("upn")).isEqualTo("local-tenant-admin");
        assertThat(claims.getStringListClaimValue("groups")).isEqualTo(List.of("tenant-admin"));
        assertThat(claims.getClaimValueAsString("tenant")).isEqualTo("acme");
        assertThat(claims.getExpirationTime().getValue())
                .isBetween(Instant.now().getEpochSecond() + 590, Instant.now().getEpochSecond() + 610);
    }

    @Test
    void usesTheGivenSubjectAndLeavesOutTheTenantWhenNoneIsGiven() throws Exception {
        JwtKeys keys = JwtKeys.loadOrCreate(dir);
        String token = new TokenIssuer(keys.privateKey(), "https://issuer.example")
                .issue(Role.AUDITOR, null, "alice", Duration.ofHours(1));

        JwtClaims claims = verify(token, keys, "https://issuer.example");

        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getClaimValueAsString("upn")).isEqualTo("alice");
        assertThat(claims.hasClaim("tenant")).isFalse();
    }

    @Test
    void refusesTenantScopedRolesWithoutATenant() {
        JwtKeys keys = JwtKeys.loadOrCreate(dir);
        TokenIssuer issuer = new TokenIssuer(keys.privateKey(), TokenIssuer.DEFAULT_ISSUER);

        assertThatThrownBy(() -> issuer.issue(Role.TENANT_ADMIN, null, null, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant-admin needs a tenant id");
        assertThatThrownBy(() -> issuer.issue(Role.TENANT_USER, " ", null, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheKeyPairInPemFilesAndReusesIt() throws Exception {
        JwtKeys first = JwtKeys.loadOrCreate(dir);
        JwtKeys second = JwtKeys.loadOrCreate(dir);

        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(dir.resolve("private.pem")).content().startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(dir.resolve("public.pem")).content().startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(first.publicKeyFile()).isEqualTo(dir.resolve("public.pem"));
    }

    @Test
    void aTokenSignedWithAnotherKeyDoesNotVerify(@TempDir Path otherDir) {
        String token = new TokenIssuer(JwtKeys.loadOrCreate(otherDir).privateKey(), TokenIssuer.DEFAULT_ISSUER)
                .issue(Role.PLATFORM_ADMIN, null, null, Duration.ofHours(1));

        assertThatThrownBy(() -> verify(token, JwtKeys.loadOrCreate(dir))).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void knowsTheRolesByTheirIds() {
        assertThat(Role.fromId("platform-admin")).isEqualTo(Role.PLATFORM_ADMIN);
        assertThatThrownBy(() -> Role.fromId("root")).hasMessageContaining("platform-admin, tenant-admin, tenant-user, auditor");
    }

    private static JwtClaims verify(String token, JwtKeys keys) throws InvalidJwtException {
        return verify(token, keys, TokenIssuer.DEFAULT_ISSUER);
    }

    private static JwtClaims verify(String token, JwtKeys keys, String issuer) throws InvalidJwtException {
        return new JwtConsumerBuilder()
                .setVerificationKey(keys.publicKey())
                .setExpectedIssuer(issuer)
                .setRequireExpirationTime()
                .setRequireSubject()
                .build()
                .processToClaims(token);
    }
}
