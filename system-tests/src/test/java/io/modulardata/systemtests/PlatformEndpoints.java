package io.modulardata.systemtests;

import static io.modulardata.systemtests.BodyField.address;
import static io.modulardata.systemtests.BodyField.amount;
import static io.modulardata.systemtests.BodyField.anyList;
import static io.modulardata.systemtests.BodyField.bool;
import static io.modulardata.systemtests.BodyField.capped;
import static io.modulardata.systemtests.BodyField.cidrs;
import static io.modulardata.systemtests.BodyField.count;
import static io.modulardata.systemtests.BodyField.list;
import static io.modulardata.systemtests.BodyField.longCount;
import static io.modulardata.systemtests.BodyField.object;
import static io.modulardata.systemtests.BodyField.opaque;
import static io.modulardata.systemtests.BodyField.patterned;
import static io.modulardata.systemtests.BodyField.text;
import static io.modulardata.systemtests.Endpoint.Service.AUDIT;
import static io.modulardata.systemtests.Endpoint.Service.DEPLOYMENT;
import static io.modulardata.systemtests.Endpoint.Service.REGISTRY;
import static io.modulardata.systemtests.Endpoint.Service.SECURITY;
import static io.modulardata.systemtests.QueryParam.Kind.CURSOR;
import static io.modulardata.systemtests.QueryParam.Kind.ENUM;
import static io.modulardata.systemtests.QueryParam.Kind.FILTER;
import static io.modulardata.systemtests.QueryParam.Kind.ID;
import static io.modulardata.systemtests.QueryParam.Kind.INSTANT;
import static io.modulardata.systemtests.QueryParam.Kind.LIMIT;
import static io.modulardata.systemtests.QueryParam.Kind.SEQUENCE_OR_INSTANT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every endpoint of the four services (read from their *Resource classes), each with a sample call on
 * the seeded state of {@link HostileInputIT}. A sample body either answers without changing anything
 * ({@code answers}) or, where it would change state, is never sent as it is: only its hostile variants are.
 * Keep this list in step with the resources: an endpoint missing here is an endpoint nobody attacks.
 */
final class PlatformEndpoints {

    static final String ALPHA = "alpha";
    static final String BRAVO = "bravo";
    static final String ALPHA_NAME = "Alpha Confidential Corp";
    static final String COMPONENT = "hostile-etl";
    static final String SPARE_COMPONENT = "hostile-spare";
    static final String POLICY = "hostile-policy";
    /** A data subject of alpha (HostileInputSeed): never erased, only attacked. */
    static final String SUBJECT = "hostile-subject";

    static final String TENANT_ALPHA = """
            {"tenantId": "alpha", "tenantName": "Alpha Confidential Corp", "dataProcessingTier": "PROFESSIONAL",
             "maxConcurrentJobs": 5, "maxMonthlyProcessingHours": null,
             "allowedDataEnvironments": ["DEVELOPMENT", "STAGING"], "dataStorageQuotaGb": 500,
             "customDataProcessingLimits": {"maxRowsPerJob": 1000000}}""";
    static final String TENANT_BRAVO = """
            {"tenantId": "bravo", "tenantName": "Bravo Ltd", "dataProcessingTier": "BASIC",
             "maxConcurrentJobs": 1, "allowedDataEnvironments": ["DEVELOPMENT"]}""";

    static String component(String componentId) {
        return """
                {"componentId": "%s", "componentName": "Hostile ETL", "componentVersion": "1.0.0",
                 "dataProcessingCapabilities": ["transform"], "supportedDataFormats": ["csv"],
                 "resourceRequirements": {"cpu": 2}, "securityClearanceLevel": "internal",
                 "complianceCertifications": ["SOC2"], "dependencies": [], "dataLineageTracking": true,
                 "containerImages": ["registry.example.com/data/etl-core"]}""".formatted(componentId);
    }

    static String deployment(String componentId) {
        return """
                {"componentId": "%s", "componentVersion": "1.0.0", "environment": "DEVELOPMENT",
                 "container": {"imageName": "registry.example.com/data/etl-core", "imageTag": "1.0.0", "containerName": "etl",
                               "cpuCores": 0.5, "memoryGb": 4.0, "storageGb": 20.0, "gpuRequired": false,
                               "minReplicas": 1, "maxReplicas": 3, "autoScalingEnabled": true,
                               "environmentVariables": {"MODE": "batch"}, "scalingMetrics": ["cpu"]},
                 "validation": {"readinessTimeoutSeconds": 60, "scaleDownDelaySeconds": 1}}""".formatted(componentId);
    }

    static final String COMPLIANCE = """
            {"requirements": {"retentionDays": 400, "lawfulBasis": "consent", "dpiaRequired": false,
                              "processorAgreements": ["acme-dpa"]}}""";
    static final String DECRYPT = """
            {"encryptedPayload": "@payload@", "encryptionTimestamp": "@payloadTimestamp@", "encryptionMethod": "fernet_symmetric",
             "keyVersion": 1, "context": {}, "ttlSeconds": 86400}""";
    static final String ACCESS_CONTROL = """
            {"permissions": ["read"], "expiresAt": "2030-01-01T00:00:00Z",
             "conditions": {"allowedCidrs": ["10.0.0.0/8"], "allowedHoursUtc": "08-18"}, "clearance": "internal"}""";

    private PlatformEndpoints() {
    }

    static List<Endpoint> all() {
        return List.of(
                // registry-service
                Endpoint.of(REGISTRY, "POST", "/tenants").tenantData().answers(409).body(TENANT_ALPHA, tenantFields(true)),
                Endpoint.of(REGISTRY, "GET", "/tenants"),
                Endpoint.of(REGISTRY, "GET", "/tenants/{tenantId}"),
                Endpoint.of(REGISTRY, "PUT", "/tenants/{tenantId}").answers(200).body(TENANT_ALPHA, tenantFields(false)),
                // Offboarding the seeded tenant would end every other case: only hostile paths and callers are sent.
                Endpoint.of(REGISTRY, "DELETE", "/tenants/{tenantId}"),
                Endpoint.of(REGISTRY, "POST", "/components").answers(409).body(component(COMPONENT),
                        patterned("componentId", true), text("componentName", true), patterned("componentVersion", true),
                        list("dataProcessingCapabilities", true), list("supportedDataFormats", true),
                        object("resourceRequirements", false), patterned("securityClearanceLevel", true),
                        list("complianceCertifications", false), list("dependencies", false), bool("dataLineageTracking", false),
                        list("containerImages", false)),
                Endpoint.of(REGISTRY, "GET", "/components/{componentId}/versions"),
                Endpoint.of(REGISTRY, "GET", "/components/{componentId}/versions/{version}"),
                Endpoint.of(REGISTRY, "PUT", "/components/{componentId}/versions/{version}/status").answers(409)
                        .body("{\"status\": \"ACTIVE\"}", patterned("status", true)),
                Endpoint.of(REGISTRY, "PUT", "/tenants/{tenantId}/grants/{componentKey}").answers(200),
                Endpoint.of(REGISTRY, "DELETE", "/tenants/{tenantId}/grants/{componentKey}"),
                Endpoint.of(REGISTRY, "GET", "/tenants/{tenantId}/grants"),
                Endpoint.of(REGISTRY, "GET", "/tenants/{tenantId}/components").query("capability", "transform", FILTER)
                        .query("dataFormat", "csv", FILTER).query("minClearance", "internal", ENUM),
                Endpoint.of(REGISTRY, "POST", "/admin/read-models/rebuild"),

                // deployment-service
                Endpoint.of(DEPLOYMENT, "POST", "/tenants/{tenantId}/deployments").answers(403)
                        .body(deployment(SPARE_COMPONENT), deploymentFields()).refuses(privilegeEscalations())
                        .refuses(List.of(
                                // alpha may deploy COMPONENT again (its rollout is finished): only the image and the tier stop these
                                new Endpoint.Refused("an image the version does not declare", Map.of("componentId", quoted(COMPONENT),
                                        "container.imageName", "\"evil.example.com/miner\""), Set.of(422), "container.imageName"),
                                new Endpoint.Refused("more cores than the PROFESSIONAL tier allows", Map.of("componentId", quoted(COMPONENT),
                                        "container.cpuCores", "9"), Set.of(422), "container.cpuCores"))),
                Endpoint.of(DEPLOYMENT, "POST", "/tenants/{tenantId}/deployments/preview").answers(200)
                        .body(deployment(COMPONENT), deploymentFields()).refuses(privilegeEscalations())
                        .refuses(List.of(new Endpoint.Refused("more memory than the PROFESSIONAL tier allows",
                                Map.of("container.memoryGb", "33"), Set.of(422), "container.memoryGb"))),
                Endpoint.of(DEPLOYMENT, "GET", "/tenants/{tenantId}/deployments"),
                Endpoint.of(DEPLOYMENT, "GET", "/deployments/{deploymentId}"),
                Endpoint.of(DEPLOYMENT, "POST", "/deployments/{deploymentId}/rollback").answers(409).bodyOptional()
                        .body("{\"reason\": \"hostile probe\"}", text("reason", false)),
                // The valid sample would add to alpha's metrics, so it is not sent (DataProcessedReportTest accepts reports);
                // every hostile body must still be refused.
                Endpoint.of(DEPLOYMENT, "POST", "/deployments/{deploymentId}/data-processed")
                        .body("{\"processedGb\": 0.5}", amount("processedGb", true)),
                Endpoint.of(DEPLOYMENT, "GET", "/tenants/{tenantId}/metrics"),
                Endpoint.of(DEPLOYMENT, "POST", "/admin/read-models/rebuild"),
                Endpoint.of(DEPLOYMENT, "POST", "/admin/registry-knowledge/rebuild"),

                // security-service
                Endpoint.of(SECURITY, "POST", "/tenants/{tenantId}/encrypt").answers(200)
                        .body("{\"data\": \"probe\", \"dataEncoding\": \"utf8\", \"context\": {\"purpose\": \"probe\"}}",
                                opaque("data", true), patterned("dataEncoding", false), object("context", false),
                                text("subjectId", false)),
                // The whole answer of encrypt, as the original platform decrypts from its encryption metadata.
                Endpoint.of(SECURITY, "POST", "/tenants/{tenantId}/decrypt").answers(200).recordsRefusals()
                        .body(DECRYPT, patterned("encryptedPayload", true), longCount("ttlSeconds", false),
                                patterned("encryptionTimestamp", false), patterned("encryptionMethod", false),
                                count("keyVersion", false), object("context", false)),
                Endpoint.of(SECURITY, "POST", "/tenants/{tenantId}/encrypt/batch").answers(200)
                        .body("{\"items\": [{\"data\": \"probe\"}]}", anyList("items", true), opaque("items[0].data", false)),
                Endpoint.of(SECURITY, "POST", "/tenants/{tenantId}/decrypt/batch").answers(200)
                        .body("{\"items\": [{\"encryptedPayload\": \"@payload@\"}]}", anyList("items", true),
                                opaque("items[0].encryptedPayload", false)),
                Endpoint.of(SECURITY, "POST", "/tenants/{tenantId}/rewrap").answers(200).recordsRefusals()
                        .body("{\"encryptedPayload\": \"@payload@\", \"encryptionMethod\": \"fernet_symmetric\", \"keyVersion\": 1}",
                                patterned("encryptedPayload", true), patterned("encryptionMethod", false), count("keyVersion", false)),
                Endpoint.of(SECURITY, "GET", "/tenants/{tenantId}/keys"),
                // Erasing the seeded subject would change state, so only hostile paths and callers are sent: any other
                // subject id is refused (400) or unknown to alpha (404, nothing recorded).
                Endpoint.of(SECURITY, "POST", "/tenants/{tenantId}/subjects/{subjectId}/erasure"),
                // Opening records the opening; a sealed field the key cannot open is a recorded refusal, as for decrypt.
                Endpoint.of(SECURITY, "POST", "/tenants/{tenantId}/personal-data/open").answers(200).recordsRefusals()
                        .body("{\"sealed\": \"@sealed@\"}", patterned("sealed", true)),
                // Alpha's ring is seeded full (HostileInputSeed): adding a version is refused, and changes nothing.
                Endpoint.of(SECURITY, "POST", "/tenants/{tenantId}/keys/rotate").answers(409),
                Endpoint.of(SECURITY, "PUT", "/tenants/{tenantId}/keys/config")
                        .body("{\"minDecryptionVersion\": 1}", count("minDecryptionVersion", true)),
                Endpoint.of(SECURITY, "POST", "/tenants/{tenantId}/keys/import").answers(409)
                        .body("{\"fernetKey\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}", patterned("fernetKey", true)),
                Endpoint.of(SECURITY, "PUT", "/tenants/{tenantId}/compliance/{framework}").body(COMPLIANCE,
                        object("requirements", false), count("requirements.retentionDays", false),
                        patterned("requirements.lawfulBasis", false), bool("requirements.dpiaRequired", false),
                        anyList("requirements.processorAgreements", false)),
                Endpoint.of(SECURITY, "GET", "/tenants/{tenantId}/compliance/{framework}"),
                Endpoint.of(SECURITY, "PUT", "/policies/{policyName}").bodyOptional()
                        .body("{\"description\": \"Hostile input policy\"}", text("description", false)),
                Endpoint.of(SECURITY, "GET", "/policies/{policyName}"),
                Endpoint.of(SECURITY, "PUT", "/policies/{policyName}/access-controls/{tenantId}").body(ACCESS_CONTROL,
                        list("permissions", true), capped("expiresAt", false), object("conditions", false),
                        cidrs("conditions.allowedCidrs", false), capped("conditions.allowedHoursUtc", false),
                        patterned("clearance", false)),
                Endpoint.of(SECURITY, "PUT", "/policies/{policyName}/classifications/{operation}")
                        .body("{\"classification\": \"internal\"}", patterned("classification", true)),
                Endpoint.of(SECURITY, "PUT", "/policies/{policyName}/encryption-requirements/{dataType}")
                        .body("{\"required\": true}", bool("required", true)),
                Endpoint.of(SECURITY, "POST", "/policies/{policyName}/evaluate").tenantData().answers(200).body("""
                        {"tenantId": "alpha", "permission": "read", "operation": "export", "dataType": "pii",
                         "encrypted": true, "sourceIp": "10.0.0.1", "at": "2026-01-01T12:00:00Z"}""",
                        capped("tenantId", true), capped("permission", true), capped("operation", true),
                        capped("dataType", true), bool("encrypted", false), address("sourceIp", false), capped("at", false)),
                Endpoint.of(SECURITY, "POST", "/admin/read-models/rebuild"),

                // audit-service
                Endpoint.of(AUDIT, "GET", "/audit/events").tenantData().query("tenantId", ALPHA, ID).query("eventType", null, FILTER)
                        .query("aggregateId", null, FILTER).query("correlationId", null, FILTER).query("actor", null, FILTER)
                        .query("from", null, INSTANT).query("to", null, INSTANT).query("limit", "5", LIMIT).query("cursor", null, CURSOR),
                Endpoint.of(AUDIT, "GET", "/audit/events/{eventId}"),
                Endpoint.of(AUDIT, "GET", "/audit/verify").query("from", null, SEQUENCE_OR_INSTANT).query("to", null, SEQUENCE_OR_INSTANT),
                Endpoint.of(AUDIT, "GET", "/audit/checkpoints").query("limit", "5", LIMIT),
                Endpoint.of(AUDIT, "GET", "/audit/checkpoints/latest"),
                Endpoint.of(AUDIT, "POST", "/audit/checkpoints/verify").answers(200).body("@checkpoint@",
                        longCount("sequence", true), longCount("entryCount", true), patterned("headHash", true),
                        patterned("previousCheckpointHash", false), patterned("createdAt", true), patterned("keyId", true),
                        patterned("algorithm", false), patterned("publicKeySha256", false), patterned("signature", true),
                        patterned("checkpointHash", false))
                        .forgery("forged signature", "signature", "\"" + "A".repeat(86) + "==\"", 422, "signature")
                        .forgery("head hash of another log", "headHash", "\"" + "0".repeat(64) + "\"", 422, "signature")
                        .forgery("another key's id", "keyId", "\"0123456789abcdef\"", 422, "keyId")
                        .forgery("another key's fingerprint", "publicKeySha256", "\"" + "f".repeat(64) + "\"", 422, "publicKeySha256")
                        .forgery("checkpoint hash of another checkpoint", "checkpointHash", "\"" + "0".repeat(64) + "\"", 422,
                                "checkpointHash"),
                Endpoint.of(AUDIT, "GET", "/audit/public-key"),
                Endpoint.of(AUDIT, "GET", "/audit/tenants/{tenantId}/timeline").query("from", null, INSTANT).query("to", null, INSTANT)
                        .query("limit", "5", LIMIT).query("cursor", null, CURSOR),
                Endpoint.of(AUDIT, "GET", "/audit/tenants/{tenantId}/compliance-report").query("framework", "SOC2", ENUM)
                        .query("from", null, INSTANT).query("to", null, INSTANT));
    }

    private static BodyField[] tenantFields(boolean idRequired) {
        return new BodyField[] {patterned("tenantId", idRequired), text("tenantName", true), patterned("dataProcessingTier", true),
                count("maxConcurrentJobs", true), count("maxMonthlyProcessingHours", false),
                list("allowedDataEnvironments", true), count("dataStorageQuotaGb", false),
                object("customDataProcessingLimits", false)};
    }

    /**
     * Issue 11: every way to root on the node a deployment body could ask for, each a 400 naming the field
     * (the restricted Pod Security Standard), and a credential given as a literal environment value.
     */
    static List<Endpoint.Refused> privilegeEscalations() {
        Map<String, String[]> contexts = new LinkedHashMap<>();
        contexts.put("privileged container", new String[] {"{\"privileged\": true}", "privileged"});
        contexts.put("added capability SYS_ADMIN", new String[] {"{\"capabilities\": {\"add\": [\"SYS_ADMIN\"]}}", "capabilities.add[0]"});
        contexts.put("added capability ALL", new String[] {"{\"capabilities\": {\"add\": [\"NET_BIND_SERVICE\", \"ALL\"]}}",
                "capabilities.add[1]"});
        contexts.put("root user", new String[] {"{\"runAsUser\": 0}", "runAsUser"});
        contexts.put("runAsNonRoot false", new String[] {"{\"runAsNonRoot\": false}", "runAsNonRoot"});
        contexts.put("privilege escalation", new String[] {"{\"allowPrivilegeEscalation\": true}", "allowPrivilegeEscalation"});
        contexts.put("unconfined seccomp", new String[] {"{\"seccompProfile\": {\"type\": \"Unconfined\"}}", "seccompProfile.type"});
        contexts.put("unconfined AppArmor", new String[] {"{\"appArmorProfile\": {\"type\": \"Unconfined\"}}", "appArmorProfile.type"});
        contexts.put("SELinux type", new String[] {"{\"seLinuxOptions\": {\"type\": \"spc_t\"}}", "seLinuxOptions.type"});
        contexts.put("unmasked procMount", new String[] {"{\"procMount\": \"Unmasked\"}", "procMount"});
        contexts.put("host network", new String[] {"{\"hostNetwork\": true}", "hostNetwork"});
        contexts.put("host PID namespace", new String[] {"{\"hostPID\": true}", "hostPID"});
        contexts.put("host IPC namespace", new String[] {"{\"hostIPC\": true}", "hostIPC"});
        List<Endpoint.Refused> refused = new ArrayList<>();
        contexts.forEach((name, context) -> refused.add(new Endpoint.Refused("securityContext: " + name,
                Map.of("container.securityContext", context[0]), Set.of(400), "container.securityContext." + context[1])));
        refused.add(new Endpoint.Refused("a password as a literal environment value",
                Map.of("container.environmentVariables", "{\"DB_PASSWORD\": \"hunter2\"}"), Set.of(400),
                "container.environmentVariables.DB_PASSWORD"));
        return refused;
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static BodyField[] deploymentFields() {
        return new BodyField[] {patterned("componentId", true), patterned("componentVersion", true), patterned("environment", true),
                object("container", true), patterned("container.imageName", true), patterned("container.imageTag", true),
                patterned("container.containerName", false), amount("container.cpuCores", false),
                amount("container.memoryGb", false), amount("container.storageGb", false), bool("container.gpuRequired", false),
                count("container.minReplicas", false), count("container.maxReplicas", false),
                bool("container.autoScalingEnabled", false), object("container.environmentVariables", false),
                patterned("container.imageDigest", false), object("container.securityContext", false),
                list("container.scalingMetrics", false), object("validation", false),
                count("validation.readinessTimeoutSeconds", false), count("validation.scaleDownDelaySeconds", false)};
    }
}
