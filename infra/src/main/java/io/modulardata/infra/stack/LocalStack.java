package io.modulardata.infra.stack;

import io.modulardata.events.Topics;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The platform's servers as local processes: PostgreSQL (embedded binaries), Kafka (KRaft, child
 * JVM) and Apicurio Registry (child JVM). Each server can also be external (see {@link StackConfig});
 * the accessors then return the external address. Servers stop in reverse order of their start.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.startAll(StackConfig.temporary())) {
 *     ServiceDatabase app = stack.createServiceDatabase("app");
 *     String bootstrap = stack.kafkaBootstrapServers();
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    /** The database where a persistent Apicurio Registry keeps its schemas. */
    public static final String APICURIO_DATABASE = "apicurio";

    private static final Logger LOG = Logger.getLogger(LocalStack.class);

    private final StackConfig config;
    private final Path dataDir;
    private final Thread shutdownHook;
    private final Deque<Stoppable> running = new ArrayDeque<>();
    private volatile boolean stopping;
    private volatile boolean failed;
    private StackHome home;

    private volatile PostgresAddress postgres;
    private volatile String kafkaBootstrapServers;
    private volatile String registryUrl;

    // One lock per server (not the stack's monitor), so that the servers can start side by side.
    private final Object postgresLock = new Object();
    private final Object kafkaLock = new Object();
    private final Object apicurioLock = new Object();

    // The servers this stack runs itself, and their ports, kept so that a restart binds the same ones.
    private PostgresServer postgresServer;
    private int postgresPort;
    private KafkaServer kafkaServer;
    private int kafkaPort;
    private int kafkaControllerPort;

    public LocalStack(StackConfig config) {
        this.config = config;
        this.dataDir = config.persistent() ? config.dataDir().toAbsolutePath() : createTemporaryDir();
        this.shutdownHook = new Thread(this::stop, "local-stack-shutdown");
        // Not the caller's context class loader, which may be a Quarkus test's and closed by then.
        shutdownHook.setContextClassLoader(LocalStack.class.getClassLoader());
        if (config.shutdownHook()) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Starts PostgreSQL, Kafka and Apicurio Registry and creates the platform's topics. */
    public static LocalStack startAll(StackConfig config) {
        LocalStack stack = new LocalStack(config);
        try {
            if (config.externalKafka().isEmpty() || config.externalRegistry().isEmpty()) {
                stack.home(); // fail before starting anything when the binaries are missing
            }
            return stack.startServers().createTopics();
        } catch (RuntimeException e) {
            stack.stop();
            throw e;
        }
    }

    /**
     * Starts PostgreSQL, Kafka and Apicurio Registry side by side, each in a thread of its own (a persistent
     * registry after PostgreSQL, which holds its schemas): on two cores this takes the longest start rather than
     * the sum of the three. The first failure is thrown; the caller stops what did start.
     */
    public LocalStack startServers() {
        CompletableFuture<Void> postgresStarted = inBackground("postgres", this::startPostgres);
        CompletableFuture<Void> kafkaStarted = inBackground("kafka", this::startKafka);
        CompletableFuture<Void> registryStarted = config.persistent()
                ? postgresStarted.thenCompose(started -> inBackground("apicurio", this::startApicurio))
                : inBackground("apicurio", this::startApicurio);
        for (CompletableFuture<Void> started : List.of(postgresStarted, kafkaStarted, registryStarted)) {
            awaitStart(started);
        }
        return this;
    }

    /** Kafka alone in a thread of its own, for a caller that meanwhile starts the rest one by one (infra/platform up). */
    public CompletableFuture<Void> startKafkaInBackground() {
        return inBackground("kafka", this::startKafka);
    }

    /** Waits for a start begun in the background; its failure is thrown as it was. */
    public static void awaitStart(CompletableFuture<Void> started) {
        try {
            started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static CompletableFuture<Void> inBackground(String server, Runnable start) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                start.run();
                started.complete(null);
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "local-stack-start-" + server);
        thread.setDaemon(true);
        thread.setContextClassLoader(LocalStack.class.getClassLoader());
        thread.start();
        return started;
    }

    public LocalStack startPostgres() {
        synchronized (postgresLock) {
            if (postgresServer != null) {
                return this;
            }
            if (config.externalPostgres().isPresent()) {
                postgres = config.externalPostgres().get();
                return this;
            }
            if (postgresPort == 0) {
                postgresPort = FreePorts.orFree(config.postgresPort());
            }
            Path log = logFile("postgres");
            PostgresServer server = timed("PostgreSQL", () -> PostgresServer.start(dataDir.resolve("postgres"),
                    postgresPort, log, config.persistent(), config.startTimeout()));
            register(server);
            postgresServer = server;
            postgres = new PostgresAddress("127.0.0.1", server.port(), PostgresServer.USER, PostgresServer.PASSWORD);
            return this;
        }
    }

    public LocalStack startKafka() {
        synchronized (kafkaLock) {
            if (kafkaServer != null) {
                return this;
            }
            if (config.externalKafka().isPresent()) {
                kafkaBootstrapServers = config.externalKafka().get();
                return this;
            }
            if (kafkaPort == 0) {
                kafkaPort = FreePorts.orFree(config.kafkaPort());
                kafkaControllerPort = FreePorts.orFree(config.kafkaControllerPort());
            }
            KafkaServer server = timed(KafkaServer.STEP, () -> {
                KafkaServer kafka = KafkaServer.launch(home(), dataDir.resolve("kafka"), logFile("kafka"),
                        kafkaPort, kafkaControllerPort);
                register(kafka);
                kafka.awaitReady(config.startTimeout(), () -> stopping);
                return kafka;
            });
            kafkaServer = server;
            kafkaBootstrapServers = server.bootstrapServers();
            return this;
        }
    }

    /**
     * Stops the Kafka broker this stack started (as a crash or maintenance would) and starts it again on
     * the same ports with the same data, for fault tests; clients keep their bootstrap address.
     */
    public LocalStack restartKafka() {
        synchronized (kafkaLock) {
            KafkaServer server = requireOwn(kafkaServer, "Kafka");
            int position = unregister(server);
            server.stop();
            kafkaServer = null;
            startKafka();
            moveTo(kafkaServer, position);
            return this;
        }
    }

    /**
     * Stops the PostgreSQL server this stack started and starts it again on the same port with the same
     * data folder, for fault tests. Needs a persistent stack: a temporary one deletes the data on stop.
     */
    public LocalStack restartPostgres() {
        synchronized (postgresLock) {
            PostgresServer server = requireOwn(postgresServer, "PostgreSQL");
            if (!config.persistent()) {
                throw new IllegalStateException("Only a persistent stack (StackConfig.dataDir) can restart PostgreSQL: "
                        + "a temporary one deletes its data when PostgreSQL stops");
            }
            int position = unregister(server);
            server.stop();
            postgresServer = null;
            startPostgres();
            moveTo(postgresServer, position);
            return this;
        }
    }

    private static <T> T requireOwn(T server, String name) {
        if (server == null) {
            throw new IllegalStateException(name + " was not started by this stack (external, or not started)");
        }
        return server;
    }

    /** Forgets a stopped server; returns where it was in the stop order. */
    private int unregister(Stoppable server) {
        synchronized (running) {
            int position = new ArrayList<>(running).indexOf(server);
            running.remove(server);
            return position;
        }
    }

    /** Puts a restarted server back where its predecessor was, so the stop order stays that of the first start. */
    private void moveTo(Stoppable server, int position) {
        synchronized (running) {
            List<Stoppable> order = new ArrayList<>(running);
            if (order.remove(server)) {
                order.add(Math.min(Math.max(position, 0), order.size()), server);
                running.clear();
                running.addAll(order);
            }
        }
    }

    /** A persistent stack keeps the registry's schemas in PostgreSQL, which must be started first. */
    public LocalStack startApicurio() {
        synchronized (apicurioLock) {
            if (registryUrl != null) {
                return this;
            }
            if (config.externalRegistry().isPresent()) {
                registryUrl = config.externalRegistry().get();
                return this;
            }
            Map<String, String> storage = config.persistent() ? persistentRegistryStorage() : ApicurioServer.inMemoryStorage();
            ApicurioServer server = timed(ApicurioServer.STEP, () -> {
                ApicurioServer registry = ApicurioServer.launch(home(), dataDir.resolve("apicurio"), logFile("apicurio"),
                        FreePorts.orFree(config.apicurioPort()), FreePorts.orFree(config.apicurioManagementPort()),
                        storage);
                register(registry);
                registry.awaitReady(config.startTimeout(), () -> stopping);
                return registry;
            });
            registryUrl = server.registryUrl();
            return this;
        }
    }

    private Map<String, String> persistentRegistryStorage() {
        createDatabase(APICURIO_DATABASE);
        return ApicurioServer.postgresStorage(postgres(), APICURIO_DATABASE);
    }

    /** Creates registry-events, deployment-events and security-events unless they exist. */
    public LocalStack createTopics() {
        TopicCreator.create(kafkaBootstrapServers(), Topics.ALL, TopicCreator.PARTITIONS);
        return this;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        Databases.create(postgres(), name);
    }

    /** Creates a platform service's database with its owner and runtime roles, unless they exist. */
    public ServiceDatabase createServiceDatabase(String name) {
        return ServiceDatabase.provision(postgres(), name);
    }

    public String kafkaBootstrapServers() {
        return require(kafkaBootstrapServers, "Kafka");
    }

    /** The Apicurio Registry v3 API, e.g. {@code http://127.0.0.1:18080/apis/registry/v3}. */
    public String registryUrl() {
        return require(registryUrl, "Apicurio Registry");
    }

    public PostgresAddress postgres() {
        return require(postgres, "PostgreSQL");
    }

    public String postgresHost() {
        return postgres().host();
    }

    public int postgresPort() {
        return postgres().port();
    }

    public String postgresUser() {
        return postgres().user();
    }

    public String postgresPassword() {
        return postgres().password();
    }

    public String jdbcUrl(String database) {
        return postgres().jdbcUrl(database);
    }

    public String reactiveUrl(String database) {
        return postgres().reactiveUrl(database);
    }

    /** All addresses; requires every server to be started (or external). */
    public StackAddresses addresses() {
        return new StackAddresses(kafkaBootstrapServers(), registryUrl(), postgres());
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Each server logs to {@code <data folder>/logs/<name>.log}. */
    public Path logFile(String name) {
        return dataDir.resolve("logs").resolve(name + ".log");
    }

    public StackConfig config() {
        return config;
    }

    /**
     * Stops what this stack started, newest first. A temporary data folder is deleted, unless a
     * start failed: its logs are then kept for reading.
     */
    public void stop() {
        stopping = true;
        while (true) {
            Stoppable next;
            synchronized (running) {
                next = running.pollFirst();
            }
            if (next == null) {
                break;
            }
            try {
                next.stop();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not stop %s", next.name());
            }
        }
        removeShutdownHook();
        if (!config.persistent() && !failed) {
            deleteRecursively(dataDir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Tracks a started server; refuses (and stops it) once the stack is stopping. */
    private void register(Stoppable server) {
        synchronized (running) {
            if (!stopping) {
                running.addFirst(server);
                return;
            }
        }
        server.stop();
        throw new IllegalStateException("The local stack is stopping; " + server.name() + " was stopped again");
    }

    private <T> T timed(String step, Supplier<T> start) {
        long began = System.nanoTime();
        try {
            T result = start.get();
            LOG.infof("%s ready in %d ms", step, (System.nanoTime() - began) / 1_000_000);
            return result;
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private synchronized StackHome home() {
        if (home == null) {
            home = StackHome.locate();
        }
        return home;
    }

    private static <T> T require(T value, String server) {
        return Optional.ofNullable(value)
                .orElseThrow(() -> new IllegalStateException(server + " is not started"));
    }

    private void removeShutdownHook() {
        if (!config.shutdownHook() || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook is running or has run.
        }
    }

    private static Path createTemporaryDir() {
        try {
            return Files.createTempDirectory("mdp-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the folder and everything in it, as far as it can; what is left is logged, not thrown. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", dir, e.getMessage());
        }
    }
}
