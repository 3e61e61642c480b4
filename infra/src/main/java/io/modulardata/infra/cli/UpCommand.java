package io.modulardata.infra.cli;

import io.modulardata.events.Topics;

import io.modulardata.infra.stack.KeycloakServer;
import io.modulardata.infra.stack.LocalStack;
import io.modulardata.infra.stack.ServiceDatabase;
import io.modulardata.infra.stack.ServiceLauncher;
import io.modulardata.infra.stack.StackStartException;
import io.modulardata.infra.token.JwtKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts PostgreSQL, Kafka, Apicurio Registry, the four services and the console, then stays in the foreground.",
                "Without a configured Kubernetes cluster (QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL, KUBECONFIG,",
                "~/.kube/config) it also starts a local Kubernetes API emulation for deployment-service.",
                "Ctrl-C (or `infra/platform down`) stops everything it started."})
final class UpCommand implements Callable<Integer> {

    static final List<String> DATABASES = List.of("registry", "deployment", "security", "audit",
            LocalStack.APICURIO_DATABASE);
    /** The services' databases, each with its owner and runtime roles on the PostgreSQL started here. */
    private final Map<String, ServiceDatabase> serviceDatabases = new HashMap<>();
    private static final String CONSOLE_GROUP_VARIABLE = "MDP_CONSOLE_GROUP_ID";
    /** The organisation's OIDC issuer the services trust beside the local signer. */
    static final String OIDC_ISSUER_VARIABLE = "MDP_OIDC_ISSUER";
    /** Tests and scripts wait for this line. */
    static final String READY_LINE = "Platform ready. Press Ctrl-C to stop, or run: infra/platform down";

    @Option(names = "--no-services",
            description = "Start only the servers: PostgreSQL, Kafka, Apicurio Registry (and the Kubernetes API emulation).")
    boolean noServices;

    @Option(names = "--with-prometheus",
            description = {"Also start Prometheus (from PATH; Debian package prometheus) on infra/monitoring: it scrapes",
                    "the services' metrics and evaluates the alert rules. Without it installed, says so and goes on."})
    boolean withPrometheus;

    @Option(names = "--with-keycloak",
            description = {"Also start Keycloak (from its distribution, on 127.0.0.1:8180, MDP_KEYCLOAK_PORT) with the realms modulardata",
                    "and partner, and start the services trusting its realm modulardata (MDP_OIDC_ISSUER) beside the local",
                    "signer. Then: infra/platform token --user acme-admin. Without it the local signer is the only issuer."})
    boolean withKeycloak;

    @Option(names = "--one-by-one",
            description = {"Start the services one after the other instead of side by side: slower, but each start is",
                    "measured alone on the CPU (the start-up benchmark uses it)."})
    boolean oneByOne;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
            description = {"Start N instances of every service (1 to " + ServiceInstance.MAX_REPLICAS + ", default 1). Instance k listens",
                    "on the service's port + 100*(k-1) (registry-service 8081, 8181, ...) and its management port + 100*(k-1);",
                    "the instances share PostgreSQL and Kafka, as replicas on Kubernetes do."})
    int replicas;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws InterruptedException {
        if (replicas < 1 || replicas > ServiceInstance.MAX_REPLICAS) {
            System.err.println("error: --replicas must be 1 to " + ServiceInstance.MAX_REPLICAS + ", was " + replicas);
            return 2;
        }
        PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
        PidFile pidFile = new PidFile(settings.dataDir());
        var running = pidFile.runningProcess();
        if (running.isPresent()) {
            throw new IllegalStateException("The platform already runs (pid " + running.get().pid()
                    + ", data " + settings.dataDir() + "); stop it with: infra/platform down");
        }
        DataDir.prepare(settings.dataDir());
        pidFile.writeCurrentProcess();

        LocalStack stack = new LocalStack(settings.stackConfig());
        ServiceRunner services = new ServiceRunner(ServiceLauncher.choose());
        LocalCluster cluster = new LocalCluster(settings);
        LocalPrometheus prometheus = new LocalPrometheus(settings);
        LocalKeycloak keycloak = new LocalKeycloak(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(new Shutdown(out, services, prometheus, keycloak, cluster, stack,
                pidFile), "platform-shutdown"));

        // In the order of StartWaves: the console, last, finds the services answering.
        List<ServiceInstance> toStart = noServices ? List.of() : ServiceSpec.ALL.stream()
                .flatMap(service -> settings.instances(service, replicas).stream()).toList();
        try {
            List<ServiceInstance> toTrain = toStart.stream().filter(instance -> instance.number() == 1)
                    .filter(instance -> services.needsTraining(instance, settings.repoRoot())).toList();
            Progress progress = new Progress(out, 6 + toStart.size() + toTrain.size() + (withPrometheus ? 1 : 0)
                    + (withKeycloak ? 1 : 0));
            Path publicKey = start(settings, stack, cluster, keycloak, services, toStart, toTrain, progress);
            ReplicaCount.record(settings.dataDir(), noServices ? 1 : replicas);
            Optional<String> prometheusUrl = withPrometheus
                    ? startPrometheus(prometheus, settings, replicas, progress)
                    : Optional.empty();
            Summary.print(out, settings, stack, cluster, toStart, publicKey);
            keycloak.issuer().ifPresent(issuer -> Summary.keycloak(out, settings, issuer));
            prometheusUrl.ifPresent(url -> Summary.prometheus(out, url));
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 1; // exiting runs the shutdown hook, which stops what was started
        }
        out.println(READY_LINE);
        new CountDownLatch(1).await(); // until SIGINT/SIGTERM run the shutdown hook
        return 0;
    }

    private Path start(PlatformSettings settings, LocalStack stack, LocalCluster cluster, LocalKeycloak keycloak,
                       ServiceRunner services, List<ServiceInstance> toStart, List<ServiceInstance> toTrain,
                       Progress progress) {
        build(settings, progress);
        if (withKeycloak) {
            keycloak.launch(); // awaited after the other servers, which start meanwhile
        }

        // Kafka needs nothing else: it starts in the background while PostgreSQL and the registry (whose schemas live
        // in PostgreSQL) start one after the other. On two cores that saves several seconds of every start.
        CompletableFuture<Void> kafkaStarted = stack.startKafkaInBackground();
        var postgres = settings.externalPostgres();
        progress.step(postgres.map(pg -> "Using PostgreSQL at " + pg.host() + ":" + pg.port())
                .orElse("Starting PostgreSQL on 127.0.0.1:" + settings.postgresPort()), () -> {
                    stack.startPostgres();
                    DATABASES.forEach(stack::createDatabase);
                    ServiceSpec.ALL.stream().flatMap(service -> service.database().stream())
                            .forEach(database -> serviceDatabases.put(database, postgres.isPresent()
                                    ? ServiceDatabase.singleLogin(stack.postgres(), database)
                                    : stack.createServiceDatabase(database)));
                    return postgres.isPresent() ? "external" : "ok";
                });
        progress.step(settings.externalRegistry().map(url -> "Using Apicurio Registry at " + url)
                .orElse("Starting Apicurio Registry on 127.0.0.1:" + settings.apicurioPort()), () -> {
                    stack.startApicurio();
                    return settings.externalRegistry().isPresent() ? "external" : "ok";
                });
        progress.step(settings.externalKafka().map(kafka -> "Using Kafka at " + kafka)
                .orElse("Starting Kafka on 127.0.0.1:" + settings.kafkaPort() + " (begun with PostgreSQL)"), () -> {
                    LocalStack.awaitStart(kafkaStarted);
                    return settings.externalKafka().isPresent() ? "external" : "ok";
                });
        progress.step("Creating topics " + String.join(", ", Topics.ALL), () -> {
            stack.createTopics();
            return "ok";
        });
        startCluster(settings, cluster, progress);
        if (withKeycloak) {
            progress.step("Starting Keycloak on 127.0.0.1:" + settings.keycloakPort() + " (launched with PostgreSQL; realms "
                    + String.join(", ", KeycloakServer.REALMS) + "; a first start also builds it, minutes)",
                    () -> "ok, " + keycloak.awaitReady());
        }

        JwtKeys keys = JwtKeys.loadOrCreate(settings.jwtDir());
        Map<ServiceInstance, Map<String, String>> environments = new HashMap<>();
        toStart.forEach(instance -> environments.put(instance, environment(instance, settings, stack, keys, cluster, keycloak)));
        // A training run is a whole start of the service on its own ports: one at a time, before the starts.
        for (ServiceInstance instance : toTrain) {
            progress.step("Training the start-up cache of " + instance.name() + " (first start only, ~"
                    + ServiceLauncher.TRAINING_SECONDS + " s)", () -> services.train(instance, settings.repoRoot(),
                    environments.get(instance), logFile(settings, instance), System.err::println)
                    ? "ok, the cache is written in the background for the next start" : "failed, starting without it");
        }
        for (List<ServiceInstance> wave : oneByOne ? StartWaves.oneByOne(toStart) : StartWaves.of(toStart)) {
            // Launched together, awaited one by one: a start takes about the slowest instance, not the sum of them.
            // Each line says how long its instance took from launch to ready; the step's own time is the wait.
            Map<ServiceInstance, String> runsOn = new HashMap<>();
            Map<ServiceInstance, ServiceRunner.LaunchedInstance> launched = new HashMap<>();
            for (ServiceInstance instance : wave) {
                runsOn.put(instance, services.describe(instance, settings.repoRoot()));
                launched.put(instance, services.launch(instance, settings.repoRoot(), environments.get(instance),
                        logFile(settings, instance)));
            }
            for (ServiceInstance instance : wave) {
                progress.step("Starting " + instance.name() + " on 127.0.0.1:" + instance.port() + " with "
                        + runsOn.get(instance), () -> {
                    return String.format(Locale.ROOT, "ok, ready in %.1f s", services.awaitReady(launched.get(instance)));
                });
            }
        }
        return keys.publicKeyFile();
    }

    private static Path logFile(PlatformSettings settings, ServiceInstance instance) {
        return settings.logDir().resolve(instance.name() + ".log");
    }

    /** Started last, so that its first scrape finds the services; not installed is no reason to stop. */
    private static Optional<String> startPrometheus(LocalPrometheus prometheus, PlatformSettings settings, int replicas,
                                                    Progress progress) {
        Optional<Path> executable = LocalPrometheus.executable(System.getenv("PATH"));
        if (executable.isEmpty()) {
            progress.step("Starting Prometheus", () -> "not installed (no prometheus on PATH; Debian: apt-get install"
                    + " prometheus), going on without it");
            return Optional.empty();
        }
        String[] url = new String[1];
        progress.step("Starting Prometheus on 127.0.0.1:" + settings.prometheusPort() + " with " + PrometheusConfig.TEMPLATE,
                () -> {
                    url[0] = prometheus.start(executable.get(), replicas);
                    return "ok, " + url[0];
                });
        return Optional.of(url[0]);
    }

    /** A configured cluster is used as it is; otherwise the emulation starts, and the output says so loudly. */
    private static void startCluster(PlatformSettings settings, LocalCluster cluster, Progress progress) {
        if (settings.configuredCluster().isPresent()) {
            progress.step("Using the Kubernetes cluster of " + settings.configuredCluster().get(), () -> "external");
            return;
        }
        String port = settings.kubernetesPort() == 0 ? "a free port" : "127.0.0.1:" + settings.kubernetesPort();
        progress.step("Starting the Kubernetes API emulation on " + port
                + " (no kubeconfig found: deployments go to an EMULATED cluster)", () -> {
                    String url = cluster.start();
                    return "ok, EMULATED cluster at " + url;
                });
    }

    private void build(PlatformSettings settings, Progress progress) {
        Path repoRoot = settings.repoRoot();
        List<Path> missing = Build.missing(repoRoot, !noServices);
        if (missing.isEmpty()) {
            progress.step("Checking the build", () -> "up to date");
            return;
        }
        Path log = settings.logDir().resolve("build.log");
        progress.step("Building (" + String.join(" ", Build.command(repoRoot)) + "; "
                + missing.size() + " part(s) missing, this can take minutes)", () -> {
                    Build.run(repoRoot, log);
                    List<Path> stillMissing = Build.missing(repoRoot, !noServices);
                    if (!stillMissing.isEmpty()) {
                        throw new StackStartException(Build.STEP, log, "still missing after the build: " + stillMissing);
                    }
                    return "ok";
                });
    }

    /** What each service reads in its application.properties. */
    private Map<String, String> environment(ServiceInstance instance, PlatformSettings settings, LocalStack stack,
                                            JwtKeys keys, LocalCluster cluster, LocalKeycloak keycloak) {
        ServiceSpec service = instance.service();
        Map<String, String> environment = new HashMap<>(cluster.serviceEnvironment());
        service.database().ifPresent(name -> environment.putAll(databaseEnvironment(name, stack, serviceDatabases.get(name))));
        if (service.equals(ServiceSpec.CONSOLE)) {
            environment.putAll(serviceAddresses(settings));
            if (instance.number() > 1) {
                // Each console reads every partition for its views: sharing a consumer group would split them.
                environment.put(CONSOLE_GROUP_VARIABLE,
                        System.getenv().getOrDefault(CONSOLE_GROUP_VARIABLE, "console") + "-" + instance.number());
            }
        }
        environment.putAll(Map.ofEntries(
                Map.entry("MDP_HTTP_PORT", String.valueOf(instance.port())),
                Map.entry("MDP_MANAGEMENT_PORT", String.valueOf(instance.managementPort())),
                Map.entry("MDP_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers()),
                Map.entry("MDP_APICURIO_REGISTRY_URL", stack.registryUrl()),
                Map.entry("MDP_JWT_PUBLIC_KEY_LOCATION", keys.publicKeyFile().toString()),
                Map.entry("MDP_JWT_ISSUER", settings.jwtIssuer()),
                // Service-specific keys; a service ignores the variables it does not read.
                Map.entry("MDP_MASTER_KEY_FILE",
                        DevMasterKey.loadOrCreate(settings.keyDir()).toString()),
                Map.entry("MDP_AUDIT_SIGNING_KEY_FILE", settings.keyDir().resolve("audit-signing-key.pem").toString())));
        // Trusted beside the local signer; the audience, roles and tenant claims keep the services' defaults
        // (modulardata, realm_access/roles, tenant), which the realm's mappers produce.
        keycloak.issuer().ifPresent(issuer -> environment.put(OIDC_ISSUER_VARIABLE, issuer));
        return environment;
    }

    /** Where the console reaches each service and its metrics (e.g. MDP_REGISTRY_SERVICE_URL, ..._METRICS_URL). */
    private static Map<String, String> serviceAddresses(PlatformSettings settings) {
        Map<String, String> addresses = new HashMap<>();
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (service.metrics()) {
                addresses.put(service.urlVariable(), ServiceRunner.baseUrl(settings.port(service)));
                addresses.put(service.metricsUrlVariable(),
                        ServiceRunner.baseUrl(settings.managementPort(service)) + "/q/metrics");
            }
        }
        return addresses;
    }

    private static Map<String, String> databaseEnvironment(String name, LocalStack stack, ServiceDatabase database) {
        return Map.of(
                "MDP_POSTGRES_HOST", stack.postgresHost(),
                "MDP_POSTGRES_PORT", String.valueOf(stack.postgresPort()),
                "MDP_POSTGRES_DB", name,
                "MDP_POSTGRES_USER", database.runtime().user(),
                "MDP_POSTGRES_PASSWORD", database.runtime().password(),
                "MDP_POSTGRES_MIGRATION_USER", database.owner().user(),
                "MDP_POSTGRES_MIGRATION_PASSWORD", database.owner().password());
    }

    /** Stops services before the servers they use; runs once, on exit, Ctrl-C or SIGTERM. */
    private static final class Shutdown implements Runnable {
        private final PrintStream out;
        private final ServiceRunner services;
        private final LocalPrometheus prometheus;
        private final LocalKeycloak keycloak;
        private final LocalCluster cluster;
        private final LocalStack stack;
        private final PidFile pidFile;
        private final AtomicBoolean done = new AtomicBoolean();

        Shutdown(PrintStream out, ServiceRunner services, LocalPrometheus prometheus, LocalKeycloak keycloak,
                 LocalCluster cluster, LocalStack stack, PidFile pidFile) {
            this.out = out;
            this.services = services;
            this.prometheus = prometheus;
            this.keycloak = keycloak;
            this.cluster = cluster;
            this.stack = stack;
            this.pidFile = pidFile;
        }

        @Override
        public void run() {
            if (done.getAndSet(true)) {
                return;
            }
            out.println("Stopping the platform ...");
            prometheus.stop();
            services.stopAll();
            keycloak.stop();
            cluster.stop();
            stack.stop();
            ReplicaCount.forget(pidFile.path().getParent());
            pidFile.delete();
            out.println("Stopped.");
        }
    }
}
