package io.modulardata.infra.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one JVM), run as a child process
 * from the jars in {@code infra/target/stack/kafka-lib}.
 */
final class KafkaServer extends ChildProcessServer {

    static final String STEP = "Kafka";
    private static final String HOST = "127.0.0.1";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final int port;

    private KafkaServer(ChildProcess process, int port) {
        super(process);
        this.port = port;
    }

    /** Formats the storage on first use, then launches the broker without waiting for it. */
    static KafkaServer launch(StackHome home, Path kafkaDir, Path logFile, int port, int controllerPort) {
        try {
            Files.createDirectories(kafkaDir);
            Path logDir = kafkaDir.resolve("data");
            Path serverProperties = kafkaDir.resolve("server.properties");
            Files.writeString(serverProperties, serverProperties(logDir, port, controllerPort));
            Path log4jConfig = kafkaDir.resolve("log4j2.properties");
            try (InputStream template = KafkaServer.class.getResourceAsStream("kafka-log4j2.properties")) {
                Files.write(log4jConfig, template.readAllBytes());
            }
            List<String> java = javaCommand(home, log4jConfig, logFile);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(java, serverProperties, kafkaDir, logFile);
            }
            List<String> server = new ArrayList<>(java);
            server.addAll(List.of("kafka.Kafka", serverProperties.toString()));
            return new KafkaServer(ChildProcess.start(STEP, server, kafkaDir, logFile, Map.of()), port);
        } catch (IOException e) {
            throw new StackStartException(STEP, logFile, "could not write its configuration: " + e.getMessage(), e);
        }
    }

    private static void format(List<String> java, Path serverProperties, Path kafkaDir, Path logFile) {
        List<String> command = new ArrayList<>(java);
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone",
                "-t", Uuid.randomUuid().toString(), "-c", serverProperties.toString()));
        ChildProcess formatter = ChildProcess.start("Kafka storage format", command, kafkaDir, logFile, Map.of());
        var exitCode = formatter.waitFor(FORMAT_TIMEOUT);
        if (exitCode.isEmpty() || exitCode.getAsInt() != 0) {
            formatter.stop();
            throw new StackStartException("Kafka storage format", logFile,
                    exitCode.isEmpty() ? "no result within " + FORMAT_TIMEOUT.toSeconds() + " s"
                            : "exit code " + exitCode.getAsInt());
        }
    }

    private static List<String> javaCommand(StackHome home, Path log4jConfig, Path logFile) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx256m", "-Djava.awt.headless=true"));
        command.addAll(ExtraJvmOptions.fromEnvironment().options());
        command.addAll(List.of("-Dlog4j2.configurationFile=" + log4jConfig.toUri(),
                "-Dmdp.kafka.log=" + logFile,
                "-cp", home.kafkaClasspath()));
        return command;
    }

    private static String serverProperties(Path logDir, int port, int controllerPort) {
        String plain = "PLAINTEXT://" + HOST + ":" + port;
        String controller = "CONTROLLER://" + HOST + ":" + controllerPort;
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + HOST + ":" + controllerPort,
                "listeners=" + plain + "," + controller,
                "advertised.listeners=" + plain + "," + controller,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir,
                // The log cleaner takes its dedupe buffer (128 MB by default) from the 256 MB heap at start, which
                // once left too little for the rest (OutOfMemoryError in LogCleaner, CI): 16 MB does for a local broker.
                "log.cleaner.dedupe.buffer.size=16777216",
                // A single node can only hold one replica of the internal topics.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    void awaitReady(Duration timeout, BooleanSupplier cancelled) {
        Readiness.await(STEP, process(), timeout, cancelled, this::answers);
    }

    /** Cheap port check first, so the admin client does not log connection errors while Kafka boots. */
    private boolean answers() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 1000);
        } catch (IOException e) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            // The broker is usable once it lists itself as a live node.
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        }
    }

    String bootstrapServers() {
        return HOST + ":" + port;
    }

    Path logFile() {
        return process().logFile();
    }
}
