package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Commands on the packaged registry-service show up in the packaged audit-service's log, in order, on
 * an intact chain; audit-service killed with SIGKILL and started again picks up where it stopped,
 * without gaps or duplicates.
 */
class AuditTrailIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern EVENT_TYPE = Pattern.compile("\"eventType\":\"([A-Za-z]+)\"");
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

    @Test
    void registryCommandsAreAuditedInOrderAndARestartResumesWithoutGapsOrDuplicates() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "platform-");
        String tenantId = "audit" + UUID.randomUUID().toString().substring(0, 8);
        String componentId = "c" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> auditSettings = Map.of("MDP_AUDIT_SIGNING_KEY_FILE", dataDir.resolve("audit/signing-key.pem").toString(),
                "MDP_AUDIT_CHECKPOINTS_EVERY_ENTRIES", "2");

        try (PlatformProcess platform = PlatformProcess.start(dataDir, "--no-services");
             ServiceProcess registry = ServiceProcess.start(platform, "registry-service", "registry", Map.of())) {
            String admin = platform.token("platform-admin");
            String auditor = platform.token("auditor");

            try (ServiceProcess audit = ServiceProcess.start(platform, "audit-service", "audit", auditSettings)) {
                assertThat(registry.post("/tenants", admin, """
                        {"tenantId": "%s", "tenantName": "Audit trail", "dataProcessingTier": "BASIC",
                         "maxConcurrentJobs": 1, "allowedDataEnvironments": ["DEVELOPMENT"]}""".formatted(tenantId))
                        .statusCode()).isEqualTo(201);
                assertThat(registry.post("/components", admin, """
                        {"componentId": "%s", "componentName": "Audited", "componentVersion": "1.0.0",
                         "dataProcessingCapabilities": ["transform"], "supportedDataFormats": ["csv"],
                         "resourceRequirements": {}, "securityClearanceLevel": "internal",
                         "complianceCertifications": [], "dependencies": []}""".formatted(componentId))
                        .statusCode()).isEqualTo(201);
                assertThat(send(registry.url("/tenants/" + tenantId + "/grants/" + componentId + "-1.0.0"), "PUT", admin)
                        .statusCode()).isEqualTo(201);

                awaitTypes(audit, auditor, tenantId, List.of("ComponentAccessGranted", "TenantRegistered"));
                assertThat(get(audit.url("/audit/verify"), auditor).body()).contains("\"valid\":true");
                audit.kill();
            }

            assertThat(send(registry.url("/tenants/" + tenantId + "/grants/" + componentId + "-1.0.0"), "DELETE", admin)
                    .statusCode()).isEqualTo(204);

            try (ServiceProcess restarted = ServiceProcess.start(platform, "audit-service", "audit", auditSettings)) {
                String page = awaitTypes(restarted, auditor, tenantId,
                        List.of("ComponentAccessRevoked", "ComponentAccessGranted", "TenantRegistered"));
                List<Long> sequences = all(SEQUENCE, page).stream().map(Long::parseLong).toList();
                assertThat(sequences).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
                String timeline = get(restarted.url("/audit/tenants/" + tenantId + "/timeline"), auditor).body();
                assertThat(timeline).contains("component " + componentId + " 1.0.0 granted by")
                        .contains("component " + componentId + " 1.0.0 revoked by");
                String verify = get(restarted.url("/audit/verify"), auditor).body();
                assertThat(verify).contains("\"valid\":true");
                assertThat(get(restarted.url("/audit/checkpoints"), auditor).body()).contains("\"signature\"");
            }
        }
    }

    /** Waits until the tenant's audit events (newest first) are exactly {@code types}; returns the page. */
    private static String awaitTypes(ServiceProcess audit, String token, String tenantId, List<String> types) {
        String[] page = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            page[0] = get(audit.url("/audit/events?tenantId=" + tenantId), token).body();
            assertThat(all(EVENT_TYPE, page[0])).containsExactlyElementsOf(types);
        });
        return page[0];
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return send(url, "GET", token);
    }

    private static HttpResponse<String> send(String url, String method, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
