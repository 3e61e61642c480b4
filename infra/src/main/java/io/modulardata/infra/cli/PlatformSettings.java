package io.modulardata.infra.cli;

import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.infra.stack.PostgresAddress;
import io.modulardata.infra.stack.StackConfig;
import io.modulardata.infra.token.TokenIssuer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Addresses, ports and folders of the local platform, read from environment variables with the
 * documented defaults. A set {@code MDP_KAFKA_BOOTSTRAP_SERVERS}, {@code MDP_APICURIO_REGISTRY_URL} or
 * {@code MDP_POSTGRES_HOST} means "use that server, do not start one" (with {@code MDP_POSTGRES_PORT}, default 5432,
 * the port of that server; without, the port of the one started here, default 15432).
 */
record PlatformSettings(
        Path repoRoot,
        Path dataDir,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int apicurioPort,
        int apicurioManagementPort,
        Optional<String> externalKafka,
        Optional<String> externalRegistry,
        Optional<PostgresAddress> externalPostgres,
        Map<ServiceSpec, Integer> servicePorts,
        Map<ServiceSpec, Integer> managementPorts,
        String jwtIssuer,
        Optional<String> configuredCluster,
        int kubernetesPort,
        Duration kubernetesReadyDelay,
        int prometheusPort,
        int keycloakPort,
        int keycloakManagementPort,
        Optional<String> oidcIssuer) {

    static final String REPO_ROOT_PROPERTY = "modulardata.repo.root";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    static PlatformSettings fromEnvironment(Map<String, String> env) {
        Path repoRoot = locateRepoRoot();
        Map<ServiceSpec, Integer> servicePorts = new LinkedHashMap<>();
        Map<ServiceSpec, Integer> managementPorts = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            servicePorts.put(spec, port(env, spec.portVariable(), spec.defaultPort()));
            managementPorts.put(spec, port(env, spec.managementPortVariable(), spec.defaultManagementPort()));
        }
        Optional<PostgresAddress> externalPostgres = renamed(env, "MDP_POSTGRES_HOST", "POSTGRES_HOST").map(host -> new PostgresAddress(host,
                port(env, "MDP_POSTGRES_PORT", port(env, "POSTGRES_PORT", 5432)),
                renamed(env, "MDP_POSTGRES_USER", "POSTGRES_USER").orElse("postgres"),
                renamed(env, "MDP_POSTGRES_PASSWORD", "POSTGRES_PASSWORD").orElse("postgres")));
        return new PlatformSettings(
                repoRoot,
                value(env, "MDP_DATA_DIR").map(Path::of).orElse(repoRoot.resolve(".platform-data")).toAbsolutePath(),
                port(env, "MDP_POSTGRES_PORT", 15432),
                port(env, "MDP_KAFKA_PORT", 19092),
                port(env, "MDP_KAFKA_CONTROLLER_PORT", 19093),
                port(env, "MDP_APICURIO_PORT", 18080),
                port(env, "MDP_APICURIO_MANAGEMENT_PORT", 18090),
                renamed(env, "MDP_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS"),
                renamed(env, "MDP_APICURIO_REGISTRY_URL", "APICURIO_REGISTRY_URL"),
                externalPostgres,
                Map.copyOf(servicePorts),
                Map.copyOf(managementPorts),
                renamed(env, "MDP_JWT_ISSUER", "JWT_ISSUER").orElse(TokenIssuer.DEFAULT_ISSUER),
                ClusterChoice.configuredCluster(env, homeDir(env)),
                port(env, "MDP_KUBERNETES_PORT", 0),
                duration(env, "MDP_KUBERNETES_READY_DELAY", Duration.ofSeconds(2)),
                port(env, "MDP_PROMETHEUS_PORT", 9090),
                // Not 8x81-8x85 nor 9x81-9x85 (services and replicas), 9090 (Prometheus) or Keycloak's default 9000.
                port(env, "MDP_KEYCLOAK_PORT", 8180),
                port(env, "MDP_KEYCLOAK_MANAGEMENT_PORT", 9180),
                value(env, "MDP_OIDC_ISSUER"));
    }

    /** A persistent stack in the data folder; the CLI stops it itself, after the services. */
    StackConfig stackConfig() {
        StackConfig.Builder builder = StackConfig.builder()
                .dataDir(dataDir)
                .postgresPort(postgresPort)
                .kafkaPort(kafkaPort)
                .kafkaControllerPort(kafkaControllerPort)
                .apicurioPort(apicurioPort)
                .apicurioManagementPort(apicurioManagementPort)
                .shutdownHook(false);
        externalKafka.ifPresent(builder::externalKafka);
        externalRegistry.ifPresent(builder::externalRegistry);
        externalPostgres.ifPresent(builder::externalPostgres);
        return builder.build();
    }

    int port(ServiceSpec service) {
        return servicePorts.get(service);
    }

    /** Where the service serves its metrics (the management interface). */
    int managementPort(ServiceSpec service) {
        return managementPorts.get(service);
    }

    /** Instances 1 to {@code replicas} of the service, on their ports ({@link ServiceInstance}). */
    List<ServiceInstance> instances(ServiceSpec service, int replicas) {
        return IntStream.rangeClosed(1, replicas).mapToObj(number -> ServiceInstance.of(service, number, this)).toList();
    }

    Path jwtDir() {
        return dataDir.resolve("jwt");
    }

    /** Development secrets: security-service's master key and audit-service's signing key. */
    Path keyDir() {
        return dataDir.resolve("keys");
    }

    /** Home of the Keycloak of {@code up --with-keycloak}: its database, the realm files it imports. */
    Path keycloakDir() {
        return dataDir.resolve("keycloak");
    }

    /**
     * The issuer {@code token --user} asks: {@code MDP_OIDC_ISSUER} when set, otherwise the platform realm of the
     * Keycloak that {@code up --with-keycloak} starts.
     */
    String tokenIssuer() {
        return oidcIssuer.orElse(KeycloakServer.issuer(KeycloakServer.url(keycloakPort), KeycloakServer.REALM));
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    /** The script passes the repository root; otherwise look above the current folder. */
    private static Path locateRepoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path current = Path.of("").toAbsolutePath(); current != null; current = current.getParent()) {
            if (Files.isRegularFile(current.resolve("infra/platform"))) {
                return current;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (no infra/platform above "
                + Path.of("").toAbsolutePath() + "); run the CLI through infra/platform");
    }

    /**
     * A setting under its MDP_ name, or under the name it had in the earlier release, which works for one more
     * release and says so on standard error.
     */
    private static Optional<String> renamed(Map<String, String> env, String name, String earlierName) {
        Optional<String> current = value(env, name);
        if (current.isPresent()) {
            return current;
        }
        Optional<String> earlier = value(env, earlierName);
        earlier.ifPresent(ignored -> System.err.println("warning: " + earlierName
                + " is deprecated and will be removed in the next release: set " + name + " instead"));
        return earlier;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        return value(env, name).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'");
            }
        }).orElse(defaultPort);
    }

    /** HOME first, as kubectl and the fabric8 client look for {@code ~/.kube/config}. */
    private static Path homeDir(Map<String, String> env) {
        return Path.of(value(env, "HOME").orElse(System.getProperty("user.home")));
    }

    /** {@code 2s}, {@code 500ms}, {@code 1m}; a bare number means seconds. */
    private static Duration duration(Map<String, String> env, String name, Duration defaultValue) {
        return value(env, name).map(value -> {
            Matcher matcher = DURATION.matcher(value);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(name + " must be a duration such as 2s, 500ms or 1m, was '" + value + "'");
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }).orElse(defaultValue);
    }
}
