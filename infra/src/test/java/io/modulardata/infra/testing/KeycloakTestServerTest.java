package io.modulardata.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modulardata.infra.oidc.PasswordGrant;
import io.modulardata.infra.oidc.TokenRequestException;
import io.modulardata.infra.stack.KeycloakServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One real Keycloak (both realms imported) for the whole class: a start takes tens of seconds. */
class KeycloakTestServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeycloakTestServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakTestServer.start();
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void demoTenantAdminGetsATokenWithIssuerAudienceRealmRoleAndTenant() {
        JsonNode claims = payload(keycloak.accessToken(KeycloakServer.REALM, "acme-admin"));

        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer(KeycloakServer.REALM))
                .startsWith("http://localhost:");
        assertThat(audiences(claims)).contains("modulardata");
        assertThat(claims.path("realm_access").path("roles")).extracting(JsonNode::asText).containsExactly("tenant-admin");
        assertThat(claims.path("tenant").asText()).isEqualTo("acme");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
    }

    @Test
    void platformWideUsersCarryNoTenant() {
        JsonNode claims = payload(keycloak.accessToken(KeycloakServer.REALM, "platform-admin"));

        assertThat(claims.path("realm_access").path("roles")).extracting(JsonNode::asText).containsExactly("platform-admin");
        assertThat(claims.has("tenant")).isFalse();
    }

    @Test
    void aUserCreatedThroughTheAdminApiKeepsItsTenant() {
        keycloak.createUser(KeycloakServer.REALM, "initrode-admin", "initrode-pass", "tenant-admin", "initrode");

        JsonNode claims = payload(keycloak.accessToken(KeycloakServer.REALM, KeycloakTestServer.CLI_CLIENT,
                "initrode-admin", "initrode-pass"));

        assertThat(claims.path("tenant").asText()).isEqualTo("initrode");
        // Besides Keycloak's default roles (offline_access, ...), which the services ignore.
        assertThat(claims.path("realm_access").path("roles")).extracting(JsonNode::asText).contains("tenant-admin")
                .doesNotContain("platform-admin", "tenant-user", "auditor");
    }

    @Test
    void partnerRealmIssuesTokensUnderItsOwnIssuer() {
        JsonNode claims = payload(keycloak.accessToken(KeycloakServer.PARTNER_REALM, "partner-admin"));

        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer(KeycloakServer.PARTNER_REALM));
        assertThat(audiences(claims)).contains("modulardata");
        assertThat(claims.path("realm_access").path("roles")).extracting(JsonNode::asText).containsExactly("tenant-admin");
        assertThat(claims.path("tenant").asText()).isEqualTo("initech");
    }

    @Test
    void anotherClientsTokensLackTheModulardataAudience() {
        JsonNode claims = payload(keycloak.accessToken(KeycloakServer.REALM, KeycloakTestServer.OTHER_AUDIENCE_CLIENT,
                "acme-admin", "acme-admin"));

        assertThat(claims.path("azp").asText()).isEqualTo(KeycloakTestServer.OTHER_AUDIENCE_CLIENT);
        assertThat(audiences(claims)).doesNotContain("modulardata");
    }

    @Test
    void wrongPasswordIsRefusedWithKeycloaksReason() {
        assertThatThrownBy(() -> keycloak.accessToken(KeycloakServer.REALM, KeycloakTestServer.CLI_CLIENT,
                "acme-admin", "wrong"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageContaining("acme-admin")
                .hasMessageContaining("Invalid user credentials");
    }

    @Test
    void rotationSignsNewTokensWithANewKeyAndTakesTheOldOneOutOfTheJwks() throws Exception {
        String realm = KeycloakServer.PARTNER_REALM;
        String oldKid = header(keycloak.accessToken(realm, "partner-admin")).path("kid").asText();
        assertThat(keycloak.activeSigningKeyId(realm)).isEqualTo(oldKid);

        String newKid = keycloak.rotateSigningKey(realm);

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(header(keycloak.accessToken(realm, "partner-admin")).path("kid").asText()).isEqualTo(newKid);
        assertThat(jwksKeyIds(realm)).contains(newKid).doesNotContain(oldKid);
    }

    private static List<String> jwksKeyIds(String realm) throws IOException, InterruptedException {
        String jwksUri = PasswordGrant.discover(keycloak.issuer(realm)).path("jwks_uri").asText();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(jwksUri)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> kids = new ArrayList<>();
        JSON.readTree(response.body()).path("keys").forEach(key -> kids.add(key.path("kid").asText()));
        return kids;
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        List<String> audiences = new ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(value -> audiences.add(value.asText()));
        } else if (!aud.isMissingNode()) {
            audiences.add(aud.asText());
        }
        return audiences;
    }

    private static JsonNode header(String jwt) {
        return part(jwt, 0);
    }

    private static JsonNode payload(String jwt) {
        return part(jwt, 1);
    }

    private static JsonNode part(String jwt, int index) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
