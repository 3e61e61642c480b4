package io.modulardata.systemtests;

import static io.modulardata.systemtests.PlatformEndpoints.ACCESS_CONTROL;
import static io.modulardata.systemtests.PlatformEndpoints.ALPHA;
import static io.modulardata.systemtests.PlatformEndpoints.BRAVO;
import static io.modulardata.systemtests.PlatformEndpoints.COMPLIANCE;
import static io.modulardata.systemtests.PlatformEndpoints.COMPONENT;
import static io.modulardata.systemtests.PlatformEndpoints.POLICY;
import static io.modulardata.systemtests.PlatformEndpoints.SPARE_COMPONENT;
import static io.modulardata.systemtests.PlatformEndpoints.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.modulardata.systemtests.Endpoint.Service;
import io.modulardata.systemtests.HttpCalls.Answer;

/**
 * The little real state the hostile battery must leave alone: tenants alpha and bravo, a component granted
 * to alpha and one granted to nobody, an encryption, one for a data subject of alpha, alpha's key ring rotated
 * up to the key-version limit, a finished deployment, compliance settings and a policy. Fills the values the endpoint samples refer to ({tenantId}, @payload@, ...).
 */
final class HostileInputSeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Service, HttpCalls> services;
    private final String admin;
    private final String auditor;

    HostileInputSeed(Map<Service, HttpCalls> services, String admin, String auditor) {
        this.services = services;
        this.admin = admin;
        this.auditor = auditor;
    }

    void seed(Map<String, String> seeds) throws Exception {
        HttpCalls registry = services.get(Service.REGISTRY);
        expect(registry.send("POST", "/tenants", admin, PlatformEndpoints.TENANT_ALPHA), 201);
        expect(registry.send("POST", "/tenants", admin, PlatformEndpoints.TENANT_BRAVO), 201);
        expect(registry.send("POST", "/components", admin, PlatformEndpoints.component(COMPONENT)), 201);
        expect(registry.send("POST", "/components", admin, PlatformEndpoints.component(SPARE_COMPONENT)), 201);
        expect(registry.send("PUT", "/tenants/alpha/grants/" + COMPONENT + "-1.0.0", admin, null), 201);

        HttpCalls security = services.get(Service.SECURITY);
        Answer encrypted = expect(security.send("POST", "/tenants/alpha/encrypt", admin, "{\"data\": \"alpha secret\"}"), 200);
        // A data subject of alpha: its event carries the context sealed, the sample of personal-data/open.
        String subjectCorrelation = "seed-subject-" + UUID.randomUUID();
        expect(security.call("POST", "/tenants/alpha/encrypt").bearer(admin).header("X-Correlation-Id", subjectCorrelation)
                .json("{\"data\": \"alpha subject data\", \"subjectId\": \"" + SUBJECT + "\", "
                        + "\"context\": {\"customer\": \"Alpha Customer\"}}").send(), 200);
        expect(security.send("PUT", "/tenants/alpha/compliance/GDPR", admin, COMPLIANCE), 200);
        // Alpha's key ring full: every further version is refused (409) until minDecryptionVersion is raised.
        int rotations = 0;
        for (Answer rotated = security.send("POST", "/tenants/alpha/keys/rotate", admin, null); rotated.status() != 409;
                rotated = security.send("POST", "/tenants/alpha/keys/rotate", admin, null)) {
            expect(rotated, 200);
            assertThat(++rotations).as("rotations before the key-version limit").isLessThan(100);
        }
        expect(security.send("PUT", "/policies/" + POLICY, admin, "{\"description\": \"Hostile input policy\"}"), 201);
        expect(security.send("PUT", "/policies/" + POLICY + "/access-controls/alpha", admin, ACCESS_CONTROL), 200);
        expect(security.send("PUT", "/policies/" + POLICY + "/classifications/export", admin, "{\"classification\": \"internal\"}"), 200);
        expect(security.send("PUT", "/policies/" + POLICY + "/encryption-requirements/pii", admin, "{\"required\": true}"), 200);

        // deployment-service learns of the grant from registry-events: until then it refuses (and writes nothing).
        HttpCalls deployment = services.get(Service.DEPLOYMENT);
        String[] deploymentId = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Answer accepted = deployment.send("POST", "/tenants/alpha/deployments", admin, PlatformEndpoints.deployment(COMPONENT));
            assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
            deploymentId[0] = JSON.readTree(accepted.body()).path("deploymentId").asText();
        });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(deployment.get("/deployments/" + deploymentId[0], admin).body()).contains("\"status\":\"DEPLOYED\""));

        HttpCalls audit = services.get(Service.AUDIT);
        String[] eventId = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Answer page = audit.get("/audit/events?tenantId=alpha&eventType=TenantRegistered", auditor);
            eventId[0] = JSON.readTree(page.body()).path("items").path(0).path("eventId").asText();
            assertThat(eventId[0]).as("%s", page).isNotEmpty();
        });

        String[] sealed = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Answer page = audit.get("/audit/events?tenantId=alpha&correlationId=" + subjectCorrelation, auditor);
            sealed[0] = JSON.readTree(page.body()).path("items").path(0).path("payload").path("details").path("context").asText();
            assertThat(sealed[0]).as("%s", page).startsWith("mdpf1.");
        });

        seeds.put("tenantId", ALPHA);
        seeds.put("otherTenantId", BRAVO);
        seeds.put("componentId", COMPONENT);
        seeds.put("version", "1.0.0");
        seeds.put("componentKey", COMPONENT + "-1.0.0");
        seeds.put("deploymentId", deploymentId[0]);
        seeds.put("framework", "GDPR");
        seeds.put("policyName", POLICY);
        seeds.put("operation", "export");
        seeds.put("dataType", "pii");
        seeds.put("eventId", eventId[0]);
        seeds.put("subjectId", SUBJECT);
        seeds.put("sealed", sealed[0]);
        seeds.put("payload", JSON.readTree(encrypted.body()).path("encryptedPayload").asText());
        seeds.put("payloadTimestamp", JSON.readTree(encrypted.body()).path("encryptionTimestamp").asText());
        // The audit log's latest signed checkpoint as an operator exports it (the sample of its verify endpoint).
        seeds.put("checkpoint", expect(audit.get("/audit/checkpoints/latest", auditor), 200).body());
    }

    private static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as("seeding: %s", answer).isEqualTo(status);
        return answer;
    }
}
