package io.modulardata.systemtests;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.modulardata.fixtures.PlatformLauncher;
import io.modulardata.infra.cli.LocalPrometheus;
import io.modulardata.infra.stack.KubernetesEmulatorProcess;
import io.modulardata.infra.stack.ExtraJvmOptions;
import io.modulardata.infra.stack.FreePorts;
import io.modulardata.infra.stack.HttpProbe;
import io.modulardata.infra.stack.PostgresAddress;
import io.modulardata.infra.stack.ServiceDatabase;
import io.modulardata.infra.stack.ProcessCommandLine;
import io.modulardata.fixtures.ProcessOutput;
import io.modulardata.fixtures.SqlAttempt;
import io.modulardata.infra.token.JwtKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the real {@code infra/platform} script, as the README tells people to: up without services
 * (and without a kubeconfig, so with the Kubernetes API emulation), status, token, then down --purge. Needs the packaged infra jar, hence an integration test.
 */
class PlatformScriptIT {

    private static final Path SCRIPT = PlatformProcess.REPO_ROOT.resolve("infra/platform");

    private static final Duration READY_DELAY = Duration.ofMillis(1500);

    private final Path dataDir = Path.of("target", "platform-it-" + System.nanoTime()).toAbsolutePath();
    private final Path home = Path.of("target", "platform-it-home-" + System.nanoTime()).toAbsolutePath();
    private final int kubernetesPort = FreePorts.pick();
    private final Map<String, String> environment = Map.ofEntries(
            Map.entry("MDP_DATA_DIR", dataDir.toString()),
            // An empty home: no ~/.kube/config, so `up` starts the Kubernetes API emulation.
            Map.entry("HOME", home.toString()),
            Map.entry("MDP_KUBERNETES_PORT", String.valueOf(kubernetesPort)),
            Map.entry("MDP_KUBERNETES_READY_DELAY", READY_DELAY.toMillis() + "ms"),
            // Free ports, so that no other service on this machine answers where registry-service (or its metrics) would be.
            Map.entry("MDP_REGISTRY_SERVICE_PORT", String.valueOf(FreePorts.pick())),
            Map.entry("MDP_REGISTRY_SERVICE_MANAGEMENT_PORT", String.valueOf(FreePorts.pick())),
            Map.entry("MDP_POSTGRES_PORT", String.valueOf(FreePorts.pick())),
            Map.entry("MDP_KAFKA_PORT", String.valueOf(FreePorts.pick())),
            Map.entry("MDP_KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.pick())),
            Map.entry("MDP_APICURIO_PORT", String.valueOf(FreePorts.pick())),
            Map.entry("MDP_APICURIO_MANAGEMENT_PORT", String.valueOf(FreePorts.pick())),
            Map.entry("MDP_PROMETHEUS_PORT", String.valueOf(FreePorts.pick())),
            Map.entry("MDP_KEYCLOAK_PORT", String.valueOf(FreePorts.pick())),
            Map.entry("MDP_KEYCLOAK_MANAGEMENT_PORT", String.valueOf(FreePorts.pick())));
    private Process up;
    private static final String JVM_OPTION_MARKER = "-Dmodulardata.test.jvm-options=passed";

    @AfterEach
    void stopLeftovers() {
        if (up != null && up.isAlive()) {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }
    }

    @Test
    void upStartsTheServersAndDownStopsThemAndPurgesTheData() throws Exception {
        Files.createDirectories(home);
        // The options the suite gives every JVM, and a marker to find them by.
        String jvmOptions = (System.getenv().getOrDefault(ExtraJvmOptions.VARIABLE, "") + " " + JVM_OPTION_MARKER).trim();
        up = platform(Map.of(ExtraJvmOptions.VARIABLE, jvmOptions), "up", "--no-services", "--with-prometheus")
                .redirectErrorStream(true).start();
        ProcessOutput upOutput = ProcessOutput.of(up);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(up.isAlive()).as("up is running; output so far:%n%s", upOutput).isTrue();
            return upOutput.toString().contains(PlatformLauncher.READY_LINE);
        });
        assertThat(upOutput.toString()).contains(
                "[2/7] Starting PostgreSQL on 127.0.0.1:" + environment.get("MDP_POSTGRES_PORT") + " ... ok",
                "[3/7] Starting Apicurio Registry on 127.0.0.1:" + environment.get("MDP_APICURIO_PORT") + " ... ok",
                "[4/7] Starting Kafka on 127.0.0.1:" + environment.get("MDP_KAFKA_PORT") + " (begun with PostgreSQL) ... ok",
                "[5/7] Creating topics registry-events, deployment-events, security-events ... ok",
                "[6/7] Starting the Kubernetes API emulation on 127.0.0.1:" + kubernetesPort
                        + " (no kubeconfig found: deployments go to an EMULATED cluster) ... ok, EMULATED cluster at "
                        + kubernetesUrl(),
                "Kubernetes           EMULATED cluster, API " + kubernetesUrl());
        List<ProcessHandle> started = up.descendants().toList();
        assertThat(started).hasSizeGreaterThanOrEqualTo(3); // Kafka, Apicurio, the emulation; PostgreSQL is daemonized
        List<String> javaCommandLines = java(started);
        assertThat(javaCommandLines).as("the CLI, Kafka, Apicurio Registry and the emulation").hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(commandLine -> assertThat(commandLine).contains(JVM_OPTION_MARKER));

        boolean prometheusInstalled = LocalPrometheus.executable(System.getenv("PATH")).isPresent();
        if (prometheusInstalled) {
            assertThat(upOutput.toString()).contains("[7/7] Starting Prometheus on " + prometheusAddress()
                    + " with infra/monitoring/prometheus.yml ... ok, http://" + prometheusAddress())
                    .contains("Prometheus           http://" + prometheusAddress());
            assertThat(HttpProbe.answersOk("http://" + prometheusAddress() + "/-/ready")).isTrue();
        } else {
            assertThat(upOutput.toString()).contains("[7/7] Starting Prometheus ... not installed (no prometheus on PATH;");
        }

        Result status = run("status");
        if (prometheusInstalled) {
            assertThat(status.output()).containsPattern("Prometheus +http://" + Pattern.quote(prometheusAddress()) + " +answers");
        }
        assertThat(status.output()).containsPattern("PostgreSQL +127\\.0\\.0\\.1:\\d+ +answers")
                .containsPattern("Kafka +127\\.0\\.0\\.1:\\d+ +answers")
                .containsPattern("Apicurio Registry +http://127\\.0\\.0\\.1:\\d+/apis/registry/v3 +answers")
                .containsPattern("Kubernetes emulation +" + Pattern.quote(kubernetesUrl()) + " +answers")
                .containsPattern("registry-service +http://127\\.0\\.0\\.1:" + environment.get("MDP_REGISTRY_SERVICE_PORT") + " +DOWN")
                .containsPattern("metrics http://127\\.0\\.0\\.1:" + environment.get("MDP_REGISTRY_SERVICE_MANAGEMENT_PORT")
                        + "/q/metrics +DOWN");
        assertThat(status.exitCode()).isEqualTo(1);

        theKeysAreOwnerOnly();
        everyServiceDatabaseHasItsRoles();

        aDeploymentBecomesReadyAfterTheDelay();

        Result token = run("token", "--role", "tenant-user", "--tenant", "t-1");
        assertThat(token.exitCode()).isZero();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(JwtKeys.loadOrCreate(dataDir.resolve("jwt")).publicKey())
                .setExpectedIssuer("https://modulardata.io/platform")
                .build()
                .processToClaims(token.output().trim());
        assertThat(claims.getClaimValueAsString("tenant")).isEqualTo("t-1");

        Result refused = run("token", "--role", "tenant-admin");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("error: Role tenant-admin needs a tenant id");

        Result down = run("down", "--purge");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        assertThat(processesMentioning(dataDir)).isEmpty();
        assertThat(dataDir).doesNotExist();
        assertThat(upOutput.toString()).contains("Stopped.");
        assertThat(KubernetesEmulatorProcess.answers(kubernetesUrl())).as("the emulation stopped").isFalse();
        assertThat(HttpProbe.answersOk("http://" + prometheusAddress() + "/-/ready")).as("Prometheus stopped").isFalse();
    }

    private String prometheusAddress() {
        return "127.0.0.1:" + environment.get("MDP_PROMETHEUS_PORT");
    }

    @Test
    void upUsesAConfiguredKubeconfigAndStartsNoEmulation() throws Exception {
        Path kubeconfig = Files.createDirectories(home).resolve("kubeconfig.yaml");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\n");
        Map<String, String> withKubeconfig = Map.of("KUBECONFIG", kubeconfig.toString());
        up = platform(withKubeconfig, "up", "--no-services").redirectErrorStream(true).start();
        ProcessOutput upOutput = ProcessOutput.of(up);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(up.isAlive()).as("up is running; output so far:%n%s", upOutput).isTrue();
            return upOutput.toString().contains(PlatformLauncher.READY_LINE);
        });
        String cluster = "kubeconfig " + kubeconfig + " (KUBECONFIG, current context)";
        assertThat(upOutput.toString())
                .contains("[6/6] Using the Kubernetes cluster of " + cluster + " ... external")
                .contains("Kubernetes           " + cluster)
                .doesNotContain("EMULATED");
        assertThat(KubernetesEmulatorProcess.answers(kubernetesUrl())).as("no emulation started").isFalse();

        Result status = run(withKubeconfig, "status");
        assertThat(status.output()).containsPattern("Kubernetes +" + Pattern.quote(cluster) + " +external, not checked");

        Result down = run(Map.of(), "down", "--purge");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void upWithKeycloakHandsOutItsTokensBesideTheLocalSignerAndDownStopsIt() throws Exception {
        Files.createDirectories(home);
        String keycloakPort = environment.get("MDP_KEYCLOAK_PORT");
        String issuer = "http://localhost:" + keycloakPort + "/realms/modulardata";
        Result notRunning = run("token", "--user", "acme-admin");
        assertThat(notRunning.exitCode()).isEqualTo(1);
        assertThat(notRunning.output()).startsWith("error: No identity provider answers at " + issuer)
                .contains("Start it with: infra/platform up --with-keycloak")
                .doesNotContain("Exception").doesNotContain("\tat ");

        up = platform("up", "--no-services", "--with-keycloak").redirectErrorStream(true).start();
        ProcessOutput upOutput = ProcessOutput.of(up);
        // A first Keycloak start on a fresh build also builds its server image: minutes on the shared build box.
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(up.isAlive()).as("up is running; output so far:%n%s", upOutput).isTrue();
            return upOutput.toString().contains(PlatformLauncher.READY_LINE);
        });
        assertThat(upOutput.toString())
                .contains("[7/7] Starting Keycloak on 127.0.0.1:" + keycloakPort + " (launched with PostgreSQL; realms"
                        + " modulardata, partner; a first start also builds it, minutes) ... ok, http://localhost:" + keycloakPort)
                .contains("services trust MDP_OIDC_ISSUER=" + issuer + " beside the local signer");
        assertThat(run("status").output()).containsPattern("Keycloak +" + Pattern.quote(issuer) + " +answers");

        Result token = run("token", "--user", "acme-user");
        assertThat(token.exitCode()).as(token.output()).isZero();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.output().trim().split("\\.")[1]));
        assertThat(claims.path("iss").asText()).isEqualTo(issuer);
        assertThat(claims.path("tenant").asText()).isEqualTo("acme");
        assertThat(claims.path("realm_access").path("roles")).extracting(JsonNode::asText).containsExactly("tenant-user");

        Result wrongPassword = run("token", "--user", "acme-user", "--password", "wrong");
        assertThat(wrongPassword.exitCode()).isEqualTo(1);
        assertThat(wrongPassword.output()).startsWith("error: " + issuer + " refused a token for user 'acme-user'")
                .contains("Invalid user credentials").doesNotContain("Keycloak running").doesNotContain("\tat ");
        assertThat(run("token", "--role", "auditor").exitCode()).as("the local signer still signs").isZero();

        Result down = run("down", "--purge");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(HttpProbe.answersOk(issuer + "/.well-known/openid-configuration")).as("Keycloak stopped").isFalse();
        assertThat(processesMentioning(dataDir)).isEmpty();
    }

    private void theKeysAreOwnerOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("jwt")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("jwt").resolve(JwtKeys.PRIVATE_KEY_FILE))))
                .isEqualTo("rw-------");
    }

    /** `up` made each service's owner and runtime role: only the owner may create tables. */
    private void everyServiceDatabaseHasItsRoles() {
        PostgresAddress server = new PostgresAddress("127.0.0.1", Integer.parseInt(environment.get("MDP_POSTGRES_PORT")),
                "postgres", "postgres");
        for (String database : List.of("registry", "deployment", "security", "audit")) {
            ServiceDatabase logins = ServiceDatabase.onLocalServer(server, database);
            assertThat(SqlAttempt.sqlState(logins.runtime(), database, "create table scratch (id bigint)")).as(database)
                    .isEqualTo(SqlAttempt.INSUFFICIENT_PRIVILEGE);
            assertThat(SqlAttempt.sqlState(logins.owner(), database, "create table scratch (id bigint)")).as(database)
                    .isEqualTo(SqlAttempt.SUCCESS);
        }
    }

    /** The emulated cluster as deployment-service uses it: a fabric8 client creating a Deployment. */
    private void aDeploymentBecomesReadyAfterTheDelay() {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(kubernetesUrl()).build()).build()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("data-tenant-it")
                    .endMetadata().build()).create();
            var deployment = client.apps().deployments().inNamespace("data-tenant-it").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("etl-blue").endMetadata()
                    .withNewSpec().withReplicas(2)
                    .withNewSelector().addToMatchLabels("app", "etl").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "etl").endMetadata()
                    .withNewSpec().addNewContainer().withName("etl").withImage("etl:1").endContainer().endSpec()
                    .endTemplate().endSpec().build());
            long created = System.nanoTime();
            deployment.create();
            assertThat(readyReplicas(deployment.get())).as("ready at once").isZero();

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> readyReplicas(deployment.get()) == 2);
            assertThat(Duration.ofNanos(System.nanoTime() - created)).isGreaterThanOrEqualTo(READY_DELAY);
            Deployment ready = deployment.get();
            assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
            assertThat(ready.getStatus().getAvailableReplicas()).isEqualTo(2);
        }
    }

    private static int readyReplicas(Deployment deployment) {
        var status = deployment.getStatus();
        return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }

    private String kubernetesUrl() {
        return "http://127.0.0.1:" + kubernetesPort;
    }

    private ProcessBuilder platform(String... args) {
        return platform(Map.of(), args);
    }

    private ProcessBuilder platform(Map<String, String> extraEnvironment, String... args) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // External servers configured in the caller's environment would change what `up` starts.
        List.of("MDP_KAFKA_BOOTSTRAP_SERVERS", "MDP_APICURIO_REGISTRY_URL", "MDP_POSTGRES_HOST", "KUBECONFIG",
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL").forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        return builder;
    }

    private Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private Result run(Map<String, String> extraEnvironment, String... args) throws IOException, InterruptedException {
        Process process = platform(extraEnvironment, args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", List.of(args)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /** The command lines of the JVMs among {@code processes}, and of the CLI's own (up's process is bash's exec of java). */
    private List<String> java(List<ProcessHandle> processes) {
        List<String> commandLines = new ArrayList<>();
        commandLines.add(ProcessCommandLine.of(up.toHandle()));
        processes.stream().map(ProcessCommandLine::of).forEach(commandLines::add);
        return commandLines.stream().filter(commandLine -> commandLine.contains("/java ") || commandLine.startsWith("java ")).toList();
    }

    @Test
    void aWordInMdpJvmOptionsThatIsNoOptionStopsTheScriptNamingIt() throws Exception {
        Result status = run(Map.of(ExtraJvmOptions.VARIABLE, "-Xmx64m oops"), "status");
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.output()).contains("MDP_JVM_OPTIONS holds 'oops', which is not a JVM option");
    }

    private static List<ProcessHandle> processesMentioning(Path dir) {
        return ProcessCommandLine.mentioning(dir);
    }

    private record Result(int exitCode, String output) {
    }
}
