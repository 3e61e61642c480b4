package io.modulardata.systemtests;

import static io.modulardata.systemtests.PlatformEndpoints.ALPHA;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.modulardata.systemtests.Endpoint.Service;

/**
 * Hostile requests the per-field battery of {@link BodyBattery} cannot make: a value that is wrong only beside
 * another field's value (base64 data, one setting under both of its names), or a value of the right type
 * that a rule refuses (turning off what is always on). Each must be refused and change nothing.
 */
final class HostileCombinations {

    /** One request on the seeded state, the statuses it may answer and the field a 400 must name. */
    record Case(String name, Service service, String method, String path, String body, Set<Integer> allowed, String field,
            boolean recordsRefusals) {

        @Override
        public String toString() {
            return service.name().toLowerCase() + " " + method + " " + path + ": " + name;
        }
    }

    private static final String GDPR = "/tenants/" + ALPHA + "/compliance/GDPR";
    private static final String SOC2 = "/tenants/" + ALPHA + "/compliance/SOC2";
    /** What the original platform stores (base64 of a token's text), around something that is no token. */
    private static final String NOT_A_TOKEN_IN_THE_ORIGINALS_FORM =
            Base64.getEncoder().encodeToString("gAAAAAnot-a-token".getBytes(StandardCharsets.US_ASCII));

    private HostileCombinations() {
    }

    static List<Case> all() {
        return List.of(
                refused("data that is not base64 under dataEncoding base64", "POST", "/tenants/" + ALPHA + "/encrypt",
                        "{\"data\": \"not base64!\", \"dataEncoding\": \"base64\"}", "data"),
                refused("an unknown dataEncoding", "POST", "/tenants/" + ALPHA + "/encrypt",
                        "{\"data\": \"probe\", \"dataEncoding\": \"hex\"}", "dataEncoding"),
                recordedRefusal("the original platform's form around no token", "/tenants/" + ALPHA + "/decrypt",
                        "{\"encryptedPayload\": \"" + NOT_A_TOKEN_IN_THE_ORIGINALS_FORM + "\"}"),
                recordedRefusal("the original platform's form around no token", "/tenants/" + ALPHA + "/rewrap",
                        "{\"encryptedPayload\": \"" + NOT_A_TOKEN_IN_THE_ORIGINALS_FORM + "\"}"),
                refused("a setting under both of its names", "PUT", GDPR,
                        "{\"requirements\": {\"retentionDays\": 400, \"retention_days\": 400}}", "retention_days"),
                refused("a setting under both of its names", "PUT", SOC2,
                        "{\"requirements\": {\"audit_retention_months\": 24, \"auditRetentionMonths\": 24}}", "audit_retention_months"),
                refused("a misspelt snake_case setting", "PUT", GDPR, "{\"requirements\": {\"retention_dayz\": 400}}", "retention_dayz"),
                refused("data subject rights turned off", "PUT", GDPR, "{\"requirements\": {\"dataSubjectRights\": false}}",
                        "dataSubjectRights"),
                refused("breach notification turned off, in the original's spelling", "PUT", GDPR,
                        "{\"requirements\": {\"breach_notification\": false}}", "breach_notification"));
    }

    private static Case refused(String name, String method, String path, String body, String field) {
        return new Case(name, Service.SECURITY, method, path, body, Set.of(400), field, false);
    }

    /** A refused decryption or rewrap is recorded as a success=false event (security-service/README.md). */
    private static Case recordedRefusal(String name, String path, String body) {
        return new Case(name, Service.SECURITY, "POST", path, body, Set.of(400), "encryptedPayload", true);
    }
}
