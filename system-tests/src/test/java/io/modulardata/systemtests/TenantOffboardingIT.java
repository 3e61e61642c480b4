package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.infra.stack.Databases;
import io.modulardata.infra.stack.PostgresAddress;

/**
 * Issue 18, offboarding across the packaged services: {@code DELETE /tenants/{t}} on registry-service makes
 * security-service destroy every key of the tenant (its payloads answer 410 key-shredded, the key rows are gone from
 * the database) and deployment-service remove its deployments and namespace from the cluster; every service answers
 * the tenant's commands with 410; the audit log keeps every entry and its chain, shows the tenant's personal fields as
 * erased, and names the offboarding, the shredding and the removal.
 */
@ExtendWith(SharedPlatform.class)
class TenantOffboardingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PlatformProcess platform;
    private static HttpCalls registry;
    private static HttpCalls security;
    private static HttpCalls deployment;
    private static HttpCalls audit;

    @BeforeAll
    static void usePlatform(PlatformProcess shared) {
        platform = shared;
        registry = calls("MDP_REGISTRY_SERVICE_PORT");
        security = calls("MDP_SECURITY_SERVICE_PORT");
        deployment = calls("MDP_DEPLOYMENT_SERVICE_PORT");
        audit = calls("MDP_AUDIT_SERVICE_PORT");
    }

    @Test
    void offboardingShredsTheTenantsKeysRemovesItsDeploymentsAndStopsItsCommands() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "leaving-" + suffix;
        String component = "leaving-etl-" + suffix;
        String email = "joe." + suffix + "@example.org";
        String admin = platform.token("platform-admin");
        String auditor = platform.token("auditor");

        expect(201, registry.send("POST", "/tenants", admin, """
                {"tenantId": "%s", "tenantName": "Leaving Ltd", "dataProcessingTier": "BASIC",
                 "maxConcurrentJobs": 2, "allowedDataEnvironments": ["DEVELOPMENT"]}""".formatted(tenant)));
        expect(201, registry.send("POST", "/components", admin, PlatformEndpoints.component(component)));
        expect(201, registry.send("PUT", "/tenants/" + tenant + "/grants/" + component + "-1.0.0", admin, null));
        String forSubject = payload(expect(200, security.send("POST", "/tenants/" + tenant + "/encrypt", admin, """
                {"data": "record of a customer", "subjectId": "customer-%s", "context": {"email": "%s"}}""".formatted(suffix, email))));
        String plain = payload(expect(200, security.send("POST", "/tenants/" + tenant + "/encrypt", admin, "{\"data\": \"tenant data\"}")));
        // deployment-service learns of the grant from registry-events: until then it refuses.
        String[] deploymentId = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> deploymentId[0] = JSON
                .readTree(expect(202, deployment.send("POST", "/tenants/" + tenant + "/deployments", admin,
                        PlatformEndpoints.deployment(component))).body()).path("deploymentId").asText());
        JsonNode sealedEntry = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> sealedEncryption(tenant, auditor), found -> !found.isMissingNode());
        assertThat(sealedEntry.toString()).doesNotContain(email);
        assertThat(keyRows(tenant)).as("the tenant's key rows before").isNotEmpty();

        JsonNode offboarded = JSON.readTree(expect(202, registry.send("DELETE", "/tenants/" + tenant, admin, null)).body());
        assertThat(offboarded.path("offboardedAt").isTextual()).as(offboarded.toString()).isTrue();

        // security-service: every key destroyed, for every caller.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (String payload : List.of(forSubject, plain)) {
                assertProblem(410, "key-shredded", security.send("POST", "/tenants/" + tenant + "/decrypt", admin,
                        "{\"encryptedPayload\": \"" + payload + "\"}"));
            }
        });
        assertThat(keyRows(tenant)).as("the tenant's key rows after").isEmpty();
        assertProblem(410, "tenant-offboarded", security.send("POST", "/tenants/" + tenant + "/encrypt", admin, "{\"data\": \"x\"}"));

        // deployment-service: the rollout removed, the namespace gone, new deployments refused.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(deployment.get("/deployments/" + deploymentId[0], admin).body()).contains("\"status\":\"REMOVED\""));
        try (ClusterView cluster = new ClusterView(platform.emulatedClusterUrl())) {
            assertThat(cluster.hasNamespace(tenant)).as("namespace of %s", tenant).isFalse();
        }
        assertProblem(410, "tenant-offboarded", deployment.send("POST", "/tenants/" + tenant + "/deployments", admin,
                PlatformEndpoints.deployment(component)));
        assertProblem(410, "tenant-offboarded", registry.send("PUT", "/tenants/" + tenant + "/grants/" + component + "-1.0.0", admin, null));

        // audit-service: every entry kept and verified, the personal field erased, the three steps named.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            String events = audit.get("/audit/events?tenantId=" + tenant + "&limit=100", auditor).body();
            assertThat(events).contains("TenantOffboarded").contains("TenantKeysShredded").contains("DeploymentRemoved");
        });
        JsonNode shown = sealedEncryptionById(sealedEntry.path("eventId").asText(), auditor);
        assertThat(shown.path("payload").path("details").path("context").asText()).isEqualTo("[erased]");
        assertThat(shown.path("hash").asText()).isEqualTo(sealedEntry.path("hash").asText());
        JsonNode verified = JSON.readTree(audit.get("/audit/verify", auditor).body());
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
        JsonNode report = JSON.readTree(audit.get("/audit/tenants/" + tenant + "/compliance-report?framework=GDPR", auditor).body());
        JsonNode subjects = report.path("sections").path("dataRetentionAndSubjects").path("counts");
        assertThat(subjects.path("tenantKeysShredded").asLong()).as(report.toString()).isEqualTo(1);
        assertThat(subjects.path("entriesMadeUnreadable").asLong()).as(report.toString()).isEqualTo(1);
    }

    /** The tenant's rows of key_material and subject_key, read in security-service's database directly. */
    private static List<String> keyRows(String tenant) throws Exception {
        PostgresAddress postgres = platform.postgres();
        List<String> rows = new ArrayList<>();
        try (Connection connection = Databases.connect(postgres, "security"); Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("select id from key_material where id like '" + tenant + "/%'"
                        + " union all select key_id from subject_key where tenant_id = '" + tenant + "'")) {
            while (found.next()) {
                rows.add(found.getString(1));
            }
        }
        return rows;
    }

    /** The audit entry of the tenant's encryption for a subject, or a missing node while the audit log has not got it. */
    private static JsonNode sealedEncryption(String tenant, String auditor) throws Exception {
        for (JsonNode item : JSON.readTree(audit.get("/audit/events?tenantId=" + tenant + "&eventType=SecurityEvent", auditor).body())
                .path("items")) {
            if (item.path("payload").path("details").path("context").asText().startsWith("mdpf1.")) {
                return item;
            }
        }
        return JSON.missingNode();
    }

    private static JsonNode sealedEncryptionById(String eventId, String auditor) throws Exception {
        return JSON.readTree(expect(200, audit.get("/audit/events/" + eventId, auditor)).body());
    }

    private static String payload(HttpCalls.Answer encrypted) throws Exception {
        return JSON.readTree(encrypted.body()).path("encryptedPayload").asText();
    }

    private static void assertProblem(int status, String type, HttpCalls.Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(JSON.readTree(answer.body()).path("type").asText()).as(answer.toString()).endsWith(type);
    }

    private static HttpCalls.Answer expect(int status, HttpCalls.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }

    private static HttpCalls calls(String portVariable) {
        return new HttpCalls(Integer.parseInt(platform.env(portVariable)));
    }
}
