package io.modulardata.security.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final Instant MORNING = Instant.parse("2030-03-01T09:30:00Z");

    private static SecurityPolicy policy() {
        return SecurityPolicy.create("default", null)
                .withAccessControl("acme", new AccessGrant(List.of("read", "write"), "2031-01-01T00:00:00Z",
                        List.of("10.0.0.0/8", "2001:db8::/32"), "08-18", "confidential"))
                .withClassification("export", Classification.RESTRICTED)
                .withClassification("report", Classification.CONFIDENTIAL)
                .withEncryptionRequirement("pii", true)
                .withEncryptionRequirement("logs", false);
    }

    private static PolicyEvaluator.Request request(UnaryOperator<Req> change) {
        Req r = change.apply(new Req("acme", "read", "report", "pii", true, "10.1.2.3", MORNING));
        try {
            return new PolicyEvaluator.Request(r.tenant, r.permission, r.operation, r.dataType, r.encrypted,
                    InetAddress.getByName(r.ip), r.at);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    record Req(String tenant, String permission, String operation, String dataType, boolean encrypted, String ip, Instant at) {
        Req tenant(String v) { return new Req(v, permission, operation, dataType, encrypted, ip, at); }
        Req permission(String v) { return new Req(tenant, v, operation, dataType, encrypted, ip, at); }
        Req operation(String v) { return new Req(tenant, permission, v, dataType, encrypted, ip, at); }
        Req dataType(String v) { return new Req(tenant, permission, operation, v, encrypted, ip, at); }
        Req encrypted(boolean v) { return new Req(tenant, permission, operation, dataType, v, ip, at); }
        Req ip(String v) { return new Req(tenant, permission, operation, dataType, encrypted, v, at); }
        Req at(String v) { return new Req(tenant, permission, operation, dataType, encrypted, ip, Instant.parse(v)); }
    }

    static List<Arguments> denials() {
        return List.<Arguments>of(
                Arguments.of("permission not granted", (UnaryOperator<Req>) r -> r.permission("delete"),
                        List.of(PolicyEvaluator.MISSING_PERMISSION)),
                Arguments.of("tenant without grant", (UnaryOperator<Req>) r -> r.tenant("globex").operation("open"),
                        List.of(PolicyEvaluator.MISSING_PERMISSION)),
                Arguments.of("grant expired", (UnaryOperator<Req>) r -> r.at("2031-01-01T10:00:00Z"),
                        List.of(PolicyEvaluator.GRANT_EXPIRED)),
                Arguments.of("ip outside CIDRs", (UnaryOperator<Req>) r -> r.ip("192.168.1.1"),
                        List.of(PolicyEvaluator.SOURCE_IP_NOT_ALLOWED)),
                Arguments.of("ipv6 outside CIDRs", (UnaryOperator<Req>) r -> r.ip("2001:db9::1"),
                        List.of(PolicyEvaluator.SOURCE_IP_NOT_ALLOWED)),
                Arguments.of("outside hours", (UnaryOperator<Req>) r -> r.at("2030-03-01T18:00:00Z"),
                        List.of(PolicyEvaluator.OUTSIDE_ALLOWED_HOURS)),
                Arguments.of("unencrypted where required", (UnaryOperator<Req>) r -> r.encrypted(false),
                        List.of(PolicyEvaluator.ENCRYPTION_REQUIRED)),
                Arguments.of("operation above clearance", (UnaryOperator<Req>) r -> r.operation("export"),
                        List.of(PolicyEvaluator.CLASSIFICATION_EXCEEDS_CLEARANCE)),
                Arguments.of("several at once", (UnaryOperator<Req>) r -> r.permission("delete").ip("8.8.8.8").encrypted(false),
                        List.of(PolicyEvaluator.MISSING_PERMISSION, PolicyEvaluator.SOURCE_IP_NOT_ALLOWED,
                                PolicyEvaluator.ENCRYPTION_REQUIRED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denials")
    void deniesWithEachReason(String name, UnaryOperator<Req> change, List<String> reasons) {
        var decision = PolicyEvaluator.evaluate(policy(), request(change), Map.of());
        assertThat(decision.decision()).isEqualTo("DENY");
        assertThat(decision.reasons()).containsExactlyElementsOf(reasons);
    }

    @Test
    void allowsGrantedEncryptedRequestInsideAllConditions() {
        var decision = PolicyEvaluator.evaluate(policy(), request(r -> r), Map.of());
        assertThat(decision.decision()).isEqualTo("ALLOW");
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void allowsUnencryptedDataThatNeedsNoEncryption() {
        assertThat(PolicyEvaluator.evaluate(policy(), request(r -> r.dataType("logs").encrypted(false)), Map.of()).allowed())
                .isTrue();
    }

    @Test
    void hipaaMandateDeniesUnencryptedPhiEvenWithoutPolicyRequirement() {
        var decision = PolicyEvaluator.evaluate(policy(), request(r -> r.dataType("phi").encrypted(false)),
                Map.of("HIPAA", List.of("phi")));
        assertThat(decision.reasons()).containsExactly("encryption_required_by_HIPAA");
        assertThat(PolicyEvaluator.evaluate(policy(), request(r -> r.dataType("phi")), Map.of("HIPAA", List.of("phi")))
                .allowed()).isTrue();
    }

    @Test
    void hourWindowMayWrapMidnight() {
        assertThat(NetworkConditions.inHours("22-06", 23)).isTrue();
        assertThat(NetworkConditions.inHours("22-06", 5)).isTrue();
        assertThat(NetworkConditions.inHours("22-06", 6)).isFalse();
        assertThat(NetworkConditions.inHours("08-18", 8)).isTrue();
        assertThat(NetworkConditions.inHours("08-18", 18)).isFalse();
    }

    @Test
    void rejectsMalformedConditions() {
        assertThat(NetworkConditions.isValidCidr("10.0.0.0/33")).isFalse();
        assertThat(NetworkConditions.isValidCidr("300.0.0.0/8")).isFalse();
        assertThat(NetworkConditions.isValidCidr("example.com/8")).isFalse();
        assertThat(NetworkConditions.isValidCidr("10.0.0.0/8")).isTrue();
        assertThat(NetworkConditions.isValidHours("8-18")).isFalse();
        assertThat(NetworkConditions.isValidHours("18-18")).isFalse();
        assertThat(NetworkConditions.isValidHours("08-24")).isTrue();
    }
}
