package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.fixtures.KeycloakTestServer;

/**
 * The packaged services trust a real Keycloak as the organisation's identity provider, beside the platform's own
 * signer: its users get in with their realm role and tenant, on every service; tokens of another realm, for
 * another audience, tampered with or expired get 401; a signing-key rotation in Keycloak is followed without a
 * restart. A tenant may bring its own provider (the partner realm, for initech): its users get in to that tenant
 * only, whatever tenant or platform role their tokens claim.
 */
@ExtendWith(KeycloakPlatform.class)
class KeycloakIdentityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACME = "acme";
    private static final String GLOBEX = "globex";
    private static final String INITECH = "initech";
    private static final Map<String, String> TENANT_READS = Map.of(
            "registry", "/tenants/%s",
            "deployment", "/tenants/%s/deployments",
            "security", "/tenants/%s/compliance/SOC2",
            "audit", "/audit/tenants/%s/timeline");

    private static KeycloakTestServer keycloak;
    private static PlatformProcess platform;
    private static final Map<String, HttpCalls> SERVICES = new LinkedHashMap<>();

    @BeforeAll
    static void registerTheTenants(PlatformProcess shared) throws Exception {
        keycloak = KeycloakTestServer.shared();
        platform = shared;
        for (String service : List.of("registry", "deployment", "security", "audit")) {
            SERVICES.put(service, new HttpCalls(Integer.parseInt(platform.env("MDP_" + service.toUpperCase() + "_SERVICE_PORT"))));
        }
        String admin = platform.token("platform-admin");
        for (String tenant : List.of(ACME, GLOBEX, INITECH)) {
            HttpCalls.Answer registered = SERVICES.get("registry").send("POST", "/tenants", admin, """
                    {"tenantId": "%s", "tenantName": "%s", "dataProcessingTier": "PROFESSIONAL",
                     "maxConcurrentJobs": 2, "allowedDataEnvironments": ["DEVELOPMENT"]}""".formatted(tenant, tenant));
            if (tenant.equals(ACME)) {
                // ConsoleBrowserIT, on the same platform before this class, registers acme too.
                assertThat(registered.status()).as(registered.toString()).isIn(201, 409);
            } else {
                assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            }
        }
        // deployment-service learns of a tenant from its event.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String tenant : List.of(ACME, GLOBEX, INITECH)) {
                for (String service : SERVICES.keySet()) {
                    assertThat(status(service, "GET", readPath(service, tenant), admin)).as("%s knows %s", service, tenant).isEqualTo(200);
                }
            }
        });
    }

    @Test
    void aKeycloakUserGetsInToEveryServiceWithTheirRealmRoleAndTenant() throws Exception {
        String operator = keycloak.accessToken(KeycloakServer.REALM, "platform-admin");
        String acmeAdmin = keycloak.accessToken(KeycloakServer.REALM, "acme-admin");
        String acmeUser = keycloak.accessToken(KeycloakServer.REALM, "acme-user");
        String auditor = keycloak.accessToken(KeycloakServer.REALM, "auditor");

        for (String service : SERVICES.keySet()) {
            for (String tenant : List.of(ACME, GLOBEX)) {
                assertThat(status(service, "GET", readPath(service, tenant), operator)).as("%s %s", service, tenant).isEqualTo(200);
                assertThat(status(service, "GET", readPath(service, tenant), auditor)).as("%s %s", service, tenant).isEqualTo(200);
            }
            // acme's users reach acme only; globex answers as if it did not exist, on every service. The audit log
            // is for tenant-admins, not tenant-users.
            for (String token : service.equals("audit") ? List.of(acmeAdmin) : List.of(acmeAdmin, acmeUser)) {
                assertThat(status(service, "GET", readPath(service, ACME), token)).as("%s %s", service, claims(token)).isEqualTo(200);
                assertThat(status(service, "GET", readPath(service, GLOBEX), token)).as("%s %s", service, claims(token)).isEqualTo(404);
            }
        }
        assertThat(status("audit", "GET", readPath("audit", ACME), acmeUser)).isEqualTo(403);
        // The role decides what one may do: only a platform-admin changes a tenant's configuration; a tenant-admin
        // configures its tenant's compliance, a tenant-user and an auditor may not.
        String update = """
                {"tenantName": "Acme renamed", "dataProcessingTier": "PROFESSIONAL", "maxConcurrentJobs": 3,
                 "allowedDataEnvironments": ["DEVELOPMENT"]}""";
        assertThat(SERVICES.get("registry").send("PUT", "/tenants/" + ACME, acmeAdmin, update).status()).isEqualTo(403);
        assertThat(SERVICES.get("registry").send("PUT", "/tenants/" + ACME, operator, update).status()).isEqualTo(200);
        String gdpr = """
                {"requirements": {"retention_days": 730, "lawful_basis": "consent"}}""";
        for (String refused : List.of(acmeUser, auditor)) {
            assertThat(SERVICES.get("security").send("PUT", "/tenants/" + ACME + "/compliance/GDPR", refused, gdpr).status())
                    .isEqualTo(403);
        }
        assertThat(SERVICES.get("security").send("PUT", "/tenants/" + ACME + "/compliance/GDPR", acmeAdmin, gdpr).status())
                .isEqualTo(200);

        // The changes are recorded with the Keycloak users as their actors, all the way to the audit log.
        String platformAuditor = platform.token("auditor");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(SERVICES.get("audit").get("/audit/tenants/" + ACME + "/timeline", platformAuditor).body())
                        .contains("acme-admin").contains("platform-admin"));
    }

    @Test
    void tokensOfAnotherRealmAnotherAudienceTamperedOrExpiredGet401() throws Exception {
        String partner = keycloak.accessToken(KeycloakServer.PARTNER_REALM, "partner-admin");
        String otherAudience = keycloak.accessToken(KeycloakServer.REALM, KeycloakTestServer.OTHER_AUDIENCE_CLIENT,
                "platform-admin", "platform-admin");
        String valid = keycloak.accessToken(KeycloakServer.REALM, "platform-admin");
        String tampered = withClaim(valid, "\"tenant\":\"globex\"");
        String expired = expiredToken();

        for (String token : List.of(partner, otherAudience, tampered, expired)) {
            for (String service : SERVICES.keySet()) {
                assertThat(status(service, "GET", readPath(service, ACME), token)).as("%s with %s", service, claims(token)).isEqualTo(401);
            }
        }
        assertThat(status("registry", "GET", "/tenants/" + ACME, valid)).as("the untampered original").isEqualTo(200);
    }

    @Test
    void aSigningKeyRotationInKeycloakIsFollowedWithoutARestart() throws Exception {
        String before = keycloak.accessToken(KeycloakServer.REALM, "platform-admin");
        String signedWithTheOldKeyNeverSeen = keycloak.accessToken(KeycloakServer.REALM, "auditor");
        for (String service : SERVICES.keySet()) {
            assertThat(status(service, "GET", readPath(service, ACME), before)).as(service).isEqualTo(200);
        }

        String newKeyId = keycloak.rotateSigningKey(KeycloakServer.REALM);
        String after = keycloak.accessToken(KeycloakServer.REALM, "platform-admin");
        assertThat(header(after).path("kid").asText()).isEqualTo(newKeyId).isNotEqualTo(header(before).path("kid").asText());

        for (String service : SERVICES.keySet()) {
            assertThat(status(service, "GET", readPath(service, ACME), after)).as("%s with the new key", service).isEqualTo(200);
            // The old key is disabled at Keycloak: a token signed with it that no service has seen is refused.
            assertThat(status(service, "GET", readPath(service, ACME), signedWithTheOldKeyNeverSeen))
                    .as("%s with the disabled key", service).isEqualTo(401);
        }
    }

    @Test
    void aTenantsOwnProviderLetsItsUsersInToThatTenantOnlyAndNeverAsPlatformRoles() throws Exception {
        String partnerIssuer = keycloak.issuer(KeycloakServer.PARTNER_REALM);
        String partnerAdmin = keycloak.accessToken(KeycloakServer.PARTNER_REALM, "partner-admin");
        String partnerUser = keycloak.accessToken(KeycloakServer.PARTNER_REALM, "partner-user");
        String rogue = keycloak.accessToken(KeycloakServer.PARTNER_REALM, "partner-rogue");
        String root = keycloak.accessToken(KeycloakServer.PARTNER_REALM, "partner-root");
        for (String service : SERVICES.keySet()) {
            assertThat(status(service, "GET", readPath(service, INITECH), partnerAdmin)).as("%s before registration", service).isEqualTo(401);
        }
        try {
            assertThat(configureInitech(partnerIssuer, null)).isEqualTo(200);
            awaitEveryService(INITECH, partnerAdmin, 200);

            for (String service : SERVICES.keySet()) {
                for (String token : service.equals("audit") ? List.of(partnerAdmin, rogue) : List.of(partnerAdmin, partnerUser, rogue)) {
                    assertThat(status(service, "GET", readPath(service, INITECH), token)).as("%s %s", service, claims(token)).isEqualTo(200);
                    // partner-rogue's token claims acme: the partner's provider speaks for initech only.
                    assertThat(status(service, "GET", readPath(service, ACME), token)).as("%s %s", service, claims(token)).isEqualTo(404);
                }
                // partner-root's token claims platform-admin: no role survives, so nothing is allowed.
                assertThat(status(service, "GET", readPath(service, INITECH), root)).as("%s partner-root", service).isEqualTo(403);
                assertThat(status(service, "GET", readPath(service, ACME), root)).as("%s partner-root", service).isEqualTo(403);
            }
            assertThat(SERVICES.get("registry").send("POST", "/tenants", root, """
                    {"tenantId": "rootco", "tenantName": "Root", "dataProcessingTier": "BASIC",
                     "maxConcurrentJobs": 1, "allowedDataEnvironments": ["DEVELOPMENT"]}""").status()).isEqualTo(403);
            assertThat(status("registry", "GET", "/tenants", root)).isEqualTo(403);
            assertThat(status("registry", "POST", "/admin/read-models/rebuild", root)).isEqualTo(403);
            assertThat(status("registry", "GET", "/tenants", partnerAdmin)).isEqualTo(200);
            assertThat(SERVICES.get("registry").get("/tenants", partnerAdmin).body()).contains(INITECH).doesNotContain(ACME);
            // Only a platform-admin sets a tenant's provider, not the tenant's own admin.
            assertThat(SERVICES.get("registry").send("PUT", "/tenants/" + INITECH, partnerAdmin, initechConfiguration(null, null))
                    .status()).isEqualTo(403);

            // Another audience: the partner's tokens (audience modulardata) stop working, then work again.
            assertThat(configureInitech(partnerIssuer, "partner-api")).isEqualTo(200);
            awaitEveryService(INITECH, partnerAdmin, 401);
            assertThat(configureInitech(partnerIssuer, "modulardata")).isEqualTo(200);
            awaitEveryService(INITECH, partnerAdmin, 200);
        } finally {
            assertThat(SERVICES.get("registry").send("PUT", "/tenants/" + INITECH, platform.token("platform-admin"),
                    initechConfiguration(null, null)).status()).isEqualTo(200);
        }
        // Removed: the partner's tokens get 401 again, also the ones verified before.
        awaitEveryService(INITECH, partnerAdmin, 401);
        awaitEveryService(INITECH, rogue, 401);

        // Every change of the provider is an event, recorded in the audit log.
        String platformAuditor = platform.token("auditor");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(SERVICES.get("audit").get("/audit/tenants/" + INITECH + "/timeline", platformAuditor).body())
                        .contains("identity provider set to " + partnerIssuer + " (audience partner-api)")
                        .contains("identity provider set to " + partnerIssuer + " (audience modulardata)")
                        .contains("identity provider removed"));
    }

    /** Sets initech's own identity provider (issuer null: none) as a platform-admin; the answer's status. */
    private static int configureInitech(String issuer, String audience) throws Exception {
        return SERVICES.get("registry").send("PUT", "/tenants/" + INITECH, platform.token("platform-admin"),
                initechConfiguration(issuer, audience)).status();
    }

    private static String initechConfiguration(String issuer, String audience) {
        String provider = issuer == null ? "" : audience == null
                ? ", \"identityProvider\": {\"issuer\": \"%s\"}".formatted(issuer)
                : ", \"identityProvider\": {\"issuer\": \"%s\", \"audience\": \"%s\"}".formatted(issuer, audience);
        return """
                {"tenantName": "initech", "dataProcessingTier": "PROFESSIONAL", "maxConcurrentJobs": 2,
                 "allowedDataEnvironments": ["DEVELOPMENT"]%s}""".formatted(provider);
    }

    /** Each service learns of a tenant's provider from registry-events, in its own time. */
    private static void awaitEveryService(String tenant, String token, int expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String service : SERVICES.keySet()) {
                assertThat(status(service, "GET", readPath(service, tenant), token)).as("%s %s", service, claims(token)).isEqualTo(expected);
            }
        });
    }

    /** A read of one tenant's data on each service. */
    private static String readPath(String service, String tenant) {
        return TENANT_READS.get(service).formatted(tenant);
    }

    private static int status(String service, String method, String path, String token) throws Exception {
        return SERVICES.get(service).send(method, path, token, null).status();
    }

    /** A genuine token past its {@code exp}: the realm hands out 1-second tokens for a moment. */
    private static String expiredToken() throws Exception {
        String user = "expiring-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.createUser(KeycloakServer.REALM, user, "secret-" + user, "platform-admin", null);
        Duration usual = keycloak.admin().accessTokenLifespan(KeycloakServer.REALM, Duration.ofSeconds(1));
        String token;
        try {
            token = keycloak.accessToken(KeycloakServer.REALM, KeycloakTestServer.CLI_CLIENT, user, "secret-" + user);
        } finally {
            keycloak.admin().accessTokenLifespan(KeycloakServer.REALM, usual);
        }
        long exp = claims(token).path("exp").asLong();
        assertThat(exp - claims(token).path("iat").asLong()).as("lifespan").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() / 1000 > exp + 1);
        return token;
    }

    /** The same token with one more claim in its payload, and the original signature. */
    private static String withClaim(String token, String claim) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = "{" + claim + "," + payload.substring(1);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static JsonNode header(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
    }
}
