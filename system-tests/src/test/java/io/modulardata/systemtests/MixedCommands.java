package io.modulardata.systemtests;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command streams for the fault tests that, between them, change every read model of the service they
 * call, so that "the read models equal a replay of the log" is checked on models the stream changed.
 * A stream's ids all derive from one prefix of lower-case letters and digits.
 */
final class MixedCommands {

    /** One HTTP call to the service under test, as the test's platform admin. */
    interface Call {
        HttpResponse<String> send(String method, String path, String json, String correlationId) throws Exception;
    }

    private MixedCommands() {
    }

    /**
     * registry-service: tenants, component versions and grants, in turn. A grant gives the grantee (registered
     * before the stream) one of the versions registered before the stream while there are any left, then the
     * version the stream registered just before (which is missing, 404, if that command was not answered).
     */
    static final class Registry {
        private final String id;
        private final List<String> prepared = new ArrayList<>();

        Registry(String id) {
            this.id = id;
        }

        String grantee() {
            return id + "g";
        }

        /** The grantee, and {@code components} versions to grant, registered before the stream. */
        void prepare(Call call, int components) throws Exception {
            expect(201, call.send("POST", "/tenants", tenant(grantee()), null));
            for (int i = 0; i < components; i++) {
                String componentId = "p" + id + "-" + i;
                expect(201, call.send("POST", "/components", component(componentId), null));
                prepared.add(componentId + "-1.0.0");
            }
        }

        HttpResponse<String> command(Call call, int i, String correlationId) throws Exception {
            return switch (i % 3) {
                case 0 -> call.send("POST", "/tenants", tenant(id + i), correlationId);
                case 1 -> call.send("POST", "/components", component(componentOf(i)), correlationId);
                default -> call.send("PUT", "/tenants/" + grantee() + "/grants/" + grantOf(i), null, correlationId);
            };
        }

        /** Every read model the first {@code sent} commands could have changed, as the API shows them. */
        List<String> readModels(int sent) {
            List<String> paths = new ArrayList<>(List.of("/tenants", "/tenants/" + grantee() + "/grants",
                    "/tenants/" + grantee() + "/components?capability=transform"));
            for (int i = 1; i < sent; i += 3) {
                paths.add("/components/" + componentOf(i) + "/versions");
            }
            prepared.forEach(key -> paths.add("/components/" + key.substring(0, key.length() - "-1.0.0".length()) + "/versions"));
            return paths;
        }

        private String componentOf(int i) {
            return "c" + id + "-" + i;
        }

        private String grantOf(int i) {
            int grant = i / 3;
            return grant < prepared.size() ? prepared.get(grant) : componentOf(i - 1) + "-1.0.0";
        }

        private static String tenant(String tenantId) {
            return """
                    {"tenantId": "%s", "tenantName": "Fault test %s", "dataProcessingTier": "BASIC",
                     "maxConcurrentJobs": 1, "allowedDataEnvironments": ["DEVELOPMENT"]}""".formatted(tenantId, tenantId);
        }

        private static String component(String componentId) {
            return """
                    {"componentId": "%s", "componentName": "Fault test", "componentVersion": "1.0.0",
                     "dataProcessingCapabilities": ["transform"], "supportedDataFormats": ["csv"],
                     "resourceRequirements": {"cpu": 1}, "securityClearanceLevel": "internal",
                     "complianceCertifications": ["SOC2"], "dependencies": []}""".formatted(componentId);
        }
    }

    /**
     * security-service: encryptions, GDPR settings, policy classifications and key rotations of one tenant,
     * in turn: key rings, compliance settings and policies all change. Each command is independent of the others.
     */
    static final class Security {
        private final String tenant;

        Security(String id) {
            this.tenant = id;
        }

        String tenant() {
            return tenant;
        }

        /**
         * security-service's settings for a stream: its master key, and room for the stream's rotations (one in
         * four commands, up to hundreds) beyond the default limit of 10 decryptable key versions, which
         * KeyVersionLimitTest and HostileInputIT test; a fault test is about durability, not that limit.
         */
        static Map<String, String> serviceSettings(String masterKey) {
            return Map.of("MDP_MASTER_KEY", masterKey, "MDP_SECURITY_KEYS_MAX_DECRYPTABLE_VERSIONS", "1000");
        }

        String policy() {
            return tenant + "-policy";
        }

        /** The policy the stream classifies operations in, created before the stream. */
        void prepare(Call call) throws Exception {
            expect(201, call.send("PUT", "/policies/" + policy(), "{\"description\": \"Fault test\"}", null));
        }

        HttpResponse<String> command(Call call, int i, String correlationId) throws Exception {
            return switch (i % 4) {
                case 0 -> call.send("POST", "/tenants/" + tenant + "/encrypt",
                        "{\"data\": \"record %d\", \"context\": {\"stream\": \"%s\"}}".formatted(i, tenant), correlationId);
                case 1 -> call.send("PUT", "/tenants/" + tenant + "/compliance/GDPR",
                        "{\"requirements\": {\"retentionDays\": %d}}".formatted(100 + i), correlationId);
                case 2 -> call.send("PUT", "/policies/" + policy() + "/classifications/op-" + i,
                        "{\"classification\": \"%s\"}".formatted(i % 8 == 2 ? "confidential" : "internal"), correlationId);
                default -> call.send("POST", "/tenants/" + tenant + "/keys/rotate", null, correlationId);
            };
        }

        /** Every read model the stream changes, as the API shows them. */
        List<String> readModels() {
            return List.of("/tenants/" + tenant + "/keys", "/tenants/" + tenant + "/compliance/GDPR", "/policies/" + policy());
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }
}
