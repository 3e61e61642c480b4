package io.modulardata.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modulardata.identity.OrganisationIssuerSettings;
import io.quarkus.oidc.OidcTenantConfig;

/** Which verification a token gets is decided by the issuer it names, and only trusted issuers get one. */
class TrustedIssuersTest {

    private static final String LOCAL = "https://modulardata.io/platform";
    private static final String KEYCLOAK = "http://localhost:8180/realms/modulardata";
    private static final String KEY_BODY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtest";

    private static final String PARTNER = "http://localhost:8180/realms/partner";

    @TempDir
    Path dir;

    private final TenantIssuers tenants = new TenantIssuers(() -> { });

    @Test
    void theLocalSignersTokensAreVerifiedWithItsKeyAndIssuer() throws IOException {
        OidcTenantConfig config = issuers(Optional.of(KEYCLOAK)).configFor(token(LOCAL));

        assertThat(config.tenantId()).contains(TrustedIssuers.LOCAL_SIGNER);
        assertThat(config.publicKey()).contains(KEY_BODY);
        assertThat(config.token().issuer()).contains(LOCAL);
        assertThat(config.roles().roleClaimPath()).contains(List.of("groups"));
    }

    @Test
    void theOrganisationsTokensAreVerifiedByItsProviderWithAudienceAndClockSkew() throws IOException {
        OidcTenantConfig config = issuers(Optional.of(KEYCLOAK + "/")).configFor(token(KEYCLOAK));

        assertThat(config.tenantId()).contains(TrustedIssuers.ORGANISATION);
        assertThat(config.authServerUrl()).contains(KEYCLOAK);
        assertThat(config.token().issuer()).contains(KEYCLOAK);
        assertThat(config.token().audience()).contains(List.of("modulardata"));
        assertThat(config.token().lifespanGrace()).hasValue(30);
        assertThat(config.token().forcedJwkRefreshInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.roles().roleClaimPath()).contains(List.of("realm_access/roles"));
    }

    @Test
    void nobodyVerifiesAnyOtherIssuerOrATokenWithoutOne() throws IOException {
        TrustedIssuers onlyLocal = issuers(Optional.empty());
        assertThat(onlyLocal.configFor(token(KEYCLOAK))).as("no organisation provider configured").isNull();
        TrustedIssuers both = issuers(Optional.of(KEYCLOAK));
        assertThat(both.configFor(token("http://localhost:8180/realms/other"))).isNull();
        assertThat(both.configFor(token(LOCAL + "/evil"))).isNull();
        assertThat(both.configFor("not-a-token")).isNull();
        assertThat(both.configFor("a.%%%.c")).isNull();
        assertThat(both.configFor(null)).isNull();
    }

    @Test
    void aTenantsOwnProviderVerifiesItsTokensAsThatTenantWithItsAudience() throws IOException {
        TrustedIssuers issuers = issuers(Optional.of(KEYCLOAK));
        assertThat(issuers.configFor(token(PARTNER))).as("not registered yet").isNull();

        tenants.apply(TenantIssuersTest.providerChanged("initech", PARTNER, "partner-api"));
        OidcTenantConfig config = issuers.configFor(token(PARTNER));

        assertThat(config.tenantId()).contains("tenant:initech");
        assertThat(config.authServerUrl()).contains(PARTNER);
        assertThat(config.token().issuer()).contains(PARTNER);
        assertThat(config.token().audience()).contains(List.of("partner-api"));
        assertThat(config.token().lifespanGrace()).hasValue(30);
        assertThat(config.token().forcedJwkRefreshInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(issuers.configFor(token(PARTNER))).as("one config while the provider stays the same").isSameAs(config);
        assertThat(issuers.configFor(token(KEYCLOAK)).tenantId()).contains(TrustedIssuers.ORGANISATION);
    }

    @Test
    void aChangedOrRemovedTenantProviderIsFollowed() throws IOException {
        TrustedIssuers issuers = issuers(Optional.empty());
        tenants.apply(TenantIssuersTest.providerChanged("initech", PARTNER, "modulardata"));
        OidcTenantConfig first = issuers.configFor(token(PARTNER));

        tenants.apply(TenantIssuersTest.providerChanged("initech", PARTNER, "other-audience"));
        OidcTenantConfig second = issuers.configFor(token(PARTNER));
        assertThat(second).isNotSameAs(first);
        assertThat(second.token().audience()).contains(List.of("other-audience"));

        tenants.apply(TenantIssuersTest.providerChanged("initech", null, null));
        assertThat(issuers.configFor(token(PARTNER))).as("removed").isNull();
    }

    @Test
    void anUnreadableKeyFileNamesTheSetting() {
        assertThatThrownBy(() -> TrustedIssuers.publicKeyBody(dir.resolve("missing.pem").toString()))
                .hasMessageContaining("MDP_JWT_PUBLIC_KEY_LOCATION");
    }

    private TrustedIssuers issuers(Optional<String> organisation) throws IOException {
        Path pem = dir.resolve("public-key.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + KEY_BODY + "\n-----END PUBLIC KEY-----\n");
        LocalSignerSettings local = new LocalSignerSettings() {
            @Override
            public String publicKeyLocation() {
                return pem.toUri().toString();
            }

            @Override
            public String issuer() {
                return LOCAL;
            }
        };
        return new TrustedIssuers(local, new OrganisationSettings(organisation, List.of()), tenants);
    }

    /** An unsigned token naming an issuer: resolution reads the issuer only, verification comes after. */
    static String token(String issuer) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"alice\"}").getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    /** The defaults of {@link OrganisationIssuerSettings}, with an issuer and a role mapping. */
    record OrganisationSettings(Optional<String> issuer, List<String> mapping) implements OrganisationIssuerSettings {

        @Override
        public String audience() {
            return "modulardata";
        }

        @Override
        public String rolesClaim() {
            return "realm_access/roles";
        }

        @Override
        public String tenantClaim() {
            return "tenant";
        }

        @Override
        public Optional<List<String>> roleMapping() {
            return Optional.of(mapping);
        }

        @Override
        public Duration clockSkew() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration keyRefreshInterval() {
            return Duration.ofMinutes(1);
        }
    }
}
