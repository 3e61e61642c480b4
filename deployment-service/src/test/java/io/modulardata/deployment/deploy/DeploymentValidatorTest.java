package io.modulardata.deployment.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.modulardata.events.EnvironmentVariableName;
import io.modulardata.kit.problem.FieldError;
import io.modulardata.kit.problem.InvalidRequestException;

class DeploymentValidatorTest {

    @Test
    void fillsInTheDocumentedDefaults() {
        DeploymentSpec spec = DeploymentValidator.validate("acme", DeploymentRequests.minimal("etl-core", "2.1.0", "etl"));
        var c = spec.container();
        assertThat(c.getCpuCores()).isEqualTo(2.0);
        assertThat(c.getMemoryGb()).isEqualTo(4.0);
        assertThat(c.getStorageGb()).isEqualTo(20.0);
        assertThat(c.getMinReplicas()).isEqualTo(1);
        assertThat(c.getMaxReplicas()).isEqualTo(10);
        assertThat(c.getAutoScalingEnabled()).isTrue();
        assertThat(c.getGpuRequired()).isFalse();
        assertThat(c.getScalingMetrics()).containsExactly("cpu", "memory", "data_throughput");
        assertThat(c.getEnvironmentVariableNames()).isEmpty();
        assertThat(spec.environmentVariables()).isEmpty();
        assertThat(c.getDataVolumes()).isEmpty();
        assertThat(spec.validation().getReadinessTimeoutSeconds()).isEqualTo(300);
        assertThat(spec.validation().getScaleDownDelaySeconds()).isEqualTo(30);
        assertThat(spec.componentKey()).isEqualTo("etl-core-2.1.0");
    }

    @Test
    void keepsEveryGivenField() {
        DeploymentSpec spec = DeploymentValidator.validate("acme", DeploymentRequests.full());
        var c = spec.container();
        assertThat(c.getCpuCores()).isEqualTo(0.5);
        assertThat(c.getEnvironmentVariableNames()).containsExactly(name("BATCH_SIZE", false), name("DB_PASSWORD", true),
                name("LOG_LEVEL", false));
        assertThat(spec.environmentVariables()).containsExactly(EnvironmentVariable.literal("BATCH_SIZE", "500"),
                EnvironmentVariable.fromSecret("DB_PASSWORD", "acme-db", "password"), EnvironmentVariable.literal("LOG_LEVEL", "info"));
        // the event's container spec names the variables; no value is in it
        assertThat(c.toString()).doesNotContain("\"500\"").doesNotContain("info").doesNotContain("acme-db");
        assertThat(c.getDataVolumes()).hasSize(2);
        assertThat(c.getSecurityContext()).containsEntry("runAsUser", "1000").containsEntry("runAsNonRoot", "true");
        assertThat(spec.validation().getReadinessTimeoutSeconds()).isEqualTo(120);
    }

    @Test
    void rejectsMissingTopLevelFieldsNamingEachOfThem() {
        var request = new DeploymentRequest(null, "2.1", null, null, null);
        assertThatThrownBy(() -> DeploymentValidator.validate("acme", request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("componentId", "componentVersion", "environment", "container"));
    }

    @Test
    void rejectsBadContainerFieldsNamingEachOfThem() {
        Map<String, JsonNode> securityContext = Map.of("privileged", BooleanNode.TRUE, "hostNetwork", BooleanNode.TRUE,
                "runAsUser", TextNode.valueOf("root"));
        var container = new ContainerRequest("Not An Image", "", "Etl_1", 0.0, 4.0001, -1.0, false, 8.0,
                Map.of("TENANT_ID", TextNode.valueOf("x"), "1BAD", TextNode.valueOf("y")),
                List.of(new DataVolumeRequest("data", "relative", false, "persistent", null),
                        new DataVolumeRequest("data", "/x", false, "nfs", null)),
                5, 3, true, List.of("cpu", "gpu", "cpu"), securityContext, "sha256:abc");
        var request = new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, container,
                new ValidationRequest(0, -1));
        assertThatThrownBy(() -> DeploymentValidator.validate("acme", request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder(
                                "container.imageName", "container.imageTag", "container.imageDigest", "container.containerName",
                                "container.cpuCores", "container.memoryGb", "container.storageGb", "container.gpuMemoryGb",
                                "container.environmentVariables.TENANT_ID", "container.environmentVariables.1BAD",
                                "container.dataVolumes[0].mountPath", "container.dataVolumes[0].pvcName",
                                "container.dataVolumes[1].name", "container.dataVolumes[1].type",
                                "container.maxReplicas", "container.scalingMetrics[1]", "container.scalingMetrics[2]",
                                "container.securityContext.privileged", "container.securityContext.hostNetwork",
                                "container.securityContext.runAsUser",
                                "validation.readinessTimeoutSeconds", "validation.scaleDownDelaySeconds"));
    }

    @Test
    void rejectsAContainerNameThatMakesTheServiceNameTooLong() {
        String tenant = "a".repeat(32);
        var request = DeploymentRequests.minimal("etl-core", "2.1.0", "c".repeat(20));
        assertThatThrownBy(() -> DeploymentValidator.validate(tenant, request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("container.containerName");
                            assertThat(error.message()).contains("at most 63");
                        }));
    }

    @Test
    void autoscalingNeedsAtLeastOneMetricButNotWhenOff() {
        var on = new ContainerRequest("etl", "1", "etl", null, null, null, null, null, null, null, null, null, true, List.of(), null, null);
        assertThatThrownBy(() -> DeploymentValidator.validate("acme",
                new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, on, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("container.scalingMetrics"));
        var off = new ContainerRequest("etl", "1", "etl", null, null, null, null, null, null, null, null, null, false, null, null, null);
        var spec = DeploymentValidator.validate("acme",
                new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, off, null));
        assertThat(spec.container().getAutoScalingEnabled()).isFalse();
        assertThat(spec.container().getScalingMetrics()).isEmpty();
    }

    @Test
    void aMissingImageOrANullMetricIsA400NotAnAvroFailure() {
        var container = new ContainerRequest(null, null, "etl", null, null, null, null, null, null, null, null, null, null,
                java.util.Arrays.asList("cpu", null), null, null);
        var request = new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, container, null);
        assertThatThrownBy(() -> DeploymentValidator.validate("acme", request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("container.imageName", "container.imageTag", "container.scalingMetrics[1]"));
    }

    @Test
    void refusesARollbackReasonPostgresCannotStore() {
        assertThatThrownBy(() -> RollbackRequest.validReason(new RollbackRequest("wrong\u0000numbers")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("reason"));
        assertThatThrownBy(() -> RollbackRequest.validReason(new RollbackRequest("lone \ud800 surrogate")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(RollbackRequest.validReason(new RollbackRequest("zurück \uD83D\uDE00"))).isEqualTo("zurück \uD83D\uDE00");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EnvironmentVariableName name(String name, boolean secretReference) {
        return EnvironmentVariableName.newBuilder().setName(name).setSecretReference(secretReference).build();
    }

    private static Map<String, JsonNode> json(String object) {
        try {
            return JSON.readValue(object, new TypeReference<Map<String, JsonNode>>() { });
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static DeploymentRequest with(Map<String, JsonNode> environment, Map<String, JsonNode> securityContext) {
        return new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING,
                new ContainerRequest("registry.example.com/data/etl-core", "2.1.0", "etl", null, null, null, null, null, environment,
                        null, null, null, null, null, securityContext, null), null);
    }

    private static List<String> refusedFields(DeploymentRequest request) {
        try {
            DeploymentValidator.validate("acme", request);
        } catch (InvalidRequestException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void refusesEverySecurityContextSettingTheRestrictedStandardForbidsNamingItsPart() {
        var hostile = json("""
                {"privileged": true, "allowPrivilegeEscalation": true, "runAsNonRoot": false, "runAsUser": 0,
                 "capabilities": {"add": ["NET_BIND_SERVICE", "SYS_ADMIN", "ALL"], "drop": ["ALL", "bad cap"]},
                 "seccompProfile": {"type": "Unconfined"}, "appArmorProfile": {"type": "Unconfined"},
                 "seLinuxOptions": {"type": "spc_t", "user": "system_u", "role": "system_r", "level": "s0"},
                 "procMount": "Unmasked", "hostNetwork": true, "hostPID": true, "hostIPC": true, "windowsOptions": {"hostProcess": true}}""");
        assertThat(refusedFields(with(null, hostile))).map(field -> field.replace("container.securityContext.", "")).containsExactlyInAnyOrder(
                "privileged", "allowPrivilegeEscalation", "runAsNonRoot", "runAsUser", "capabilities.add[1]", "capabilities.add[2]",
                "capabilities.drop[1]", "seccompProfile.type", "appArmorProfile.type", "seLinuxOptions.type", "seLinuxOptions.user",
                "seLinuxOptions.role", "procMount", "hostNetwork", "hostPID", "hostIPC", "windowsOptions");
    }

    @Test
    void refusesMalformedProfilesAndIds() {
        var bad = json("""
                {"runAsUser": 1.5, "runAsGroup": -1, "seccompProfile": {"type": "Localhost"},
                 "appArmorProfile": {"type": "RuntimeDefault", "localhostProfile": "x"}, "capabilities": {"add": [], "bogus": 1}}""");
        assertThat(refusedFields(with(null, bad))).containsExactlyInAnyOrder("container.securityContext.runAsUser",
                "container.securityContext.runAsGroup", "container.securityContext.seccompProfile.localhostProfile",
                "container.securityContext.appArmorProfile.localhostProfile", "container.securityContext.capabilities");
        var traversal = json("""
                {"seccompProfile": {"type": "Localhost", "localhostProfile": "../../etc/shadow"}, "runAsUser": 2147483648}""");
        assertThat(refusedFields(with(null, traversal))).containsExactlyInAnyOrder(
                "container.securityContext.seccompProfile.localhostProfile", "container.securityContext.runAsUser");
    }

    @Test
    void acceptsWhatTheRestrictedStandardAllows() {
        var allowed = json("""
                {"privileged": false, "allowPrivilegeEscalation": false, "runAsNonRoot": true, "runAsUser": 1000, "runAsGroup": 0,
                 "capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]},
                 "seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/etl.json"},
                 "appArmorProfile": {"type": "RuntimeDefault"}, "seLinuxOptions": {"level": "s0:c123,c456"},
                 "procMount": "Default", "readOnlyRootFilesystem": true}""");
        var spec = DeploymentValidator.validate("acme", with(null, allowed));
        assertThat(spec.container().getSecurityContext()).hasSize(11).containsEntry("runAsUser", "1000")
                .containsEntry("capabilities", "{\"add\":[\"NET_BIND_SERVICE\"],\"drop\":[\"ALL\"]}");
    }

    @Test
    void takesSecretReferencesAndRefusesCredentialsGivenAsLiteralValues() {
        var environment = json("""
                {"DB_PASSWORD": {"secretKeyRef": {"name": "acme-db", "key": "password"}}, "MODE": "batch",
                 "TOKENIZER_MODEL": "bert", "MAX_TOKENS": "512"}""");
        var spec = DeploymentValidator.validate("acme", with(environment, null));
        assertThat(spec.environmentVariables()).containsExactly(EnvironmentVariable.fromSecret("DB_PASSWORD", "acme-db", "password"),
                EnvironmentVariable.literal("MAX_TOKENS", "512"), EnvironmentVariable.literal("MODE", "batch"),
                EnvironmentVariable.literal("TOKENIZER_MODEL", "bert"));

        var credentials = json("""
                {"DB_PASSWORD": "hunter2", "clientSecret": "x", "AUTH_TOKEN": "x", "STRIPE_API_KEY": "x", "AWS_ACCESS_KEY_ID": "x",
                 "dbPwd": "x", "DATABASE_URL": "postgres://app:hunter2@db:5432/app", "SIGNING": "-----BEGIN PRIVATE KEY-----\\nMII",
                 "AWS_ID": "AKIAABCDEFGHIJKLMNOP", "SESSION": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig",
                 "GH": "ghp_0123456789abcdefghijklmnopqrstuvwxyz"}""");
        assertThat(refusedFields(with(credentials, null))).map(field -> field.replace("container.environmentVariables.", ""))
                .containsExactlyInAnyOrder("DB_PASSWORD", "clientSecret", "AUTH_TOKEN", "STRIPE_API_KEY", "AWS_ACCESS_KEY_ID", "dbPwd",
                        "DATABASE_URL", "SIGNING", "AWS_ID", "SESSION", "GH");
    }

    @Test
    void refusesMalformedEnvironmentValuesNamingTheirPart() {
        var bad = json("""
                {"A": 5, "B": null, "C": {"secretKeyRef": {"name": "Not_A_Secret", "key": "a/b"}}, "D": {"configMapKeyRef": {}},
                 "E": {"secretKeyRef": {"name": "s", "key": "k", "optional": true}}, "F": "a\\u0000b", "G": ["x"],
                 "H": {"secretKeyRef": "s"}}""");
        assertThat(refusedFields(with(bad, null))).containsExactlyInAnyOrder("container.environmentVariables.A",
                "container.environmentVariables.B", "container.environmentVariables.C.secretKeyRef.name",
                "container.environmentVariables.C.secretKeyRef.key", "container.environmentVariables.D",
                "container.environmentVariables.E.secretKeyRef.optional", "container.environmentVariables.F",
                "container.environmentVariables.G", "container.environmentVariables.H");
    }

    @Test
    void anImagePortNeedsAPathAndADigestIsSha256() {
        var port = new ContainerRequest("localhost:5000", "1", "etl", null, null, null, null, null, null, null, null, null, null, null,
                null, "sha256:" + "A".repeat(64));
        assertThat(refusedFields(new DeploymentRequest("etl-core", "2.1.0", io.modulardata.events.DataEnvironment.STAGING, port, null)))
                .containsExactlyInAnyOrder("container.imageName", "container.imageDigest");
        var ok = new ContainerRequest("localhost:5000/etl", "1", "etl", null, null, null, null, null, null, null, null, null, null, null,
                null, "sha256:" + "a".repeat(64));
        assertThat(DeploymentValidator.validate("acme", new DeploymentRequest("etl-core", "2.1.0",
                io.modulardata.events.DataEnvironment.STAGING, ok, null)).container().getImageDigest()).isEqualTo("sha256:" + "a".repeat(64));
    }
}
