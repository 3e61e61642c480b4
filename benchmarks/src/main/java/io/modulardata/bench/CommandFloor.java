package io.modulardata.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.modulardata.events.Topics;

/**
 * The least CPU a registered component can cost on this machine, measured on the platform's own PostgreSQL and
 * Kafka in the same session as the commands it is compared with:
 * <ul>
 *   <li>PostgreSQL: pgbench writing what a command must make durable (its event in event_store, its outbox row, its
 *   read-model row, in the platform's own tables and indexes, read from the migrations) and the relay's delete of
 *   the outbox rows, one transaction per command and then {@link #BATCH} commands per transaction;</li>
 *   <li>Kafka: the same number of events of the measured size produced with the client's defaults and read back once,
 *   the broker's CPU plus the client's.</li>
 * </ul>
 * Nothing of the services is in it: no HTTP, JSON, tokens, validation, Avro, projections or consumers' bookkeeping.
 */
final class CommandFloor {

    static final String TOPIC_PREFIX = "mdp-bench-floor";
    static final int BATCH = 20;
    private static final String DATABASE = "mdp_bench_floor";
    private static final int CLIENTS = 4;
    private static final int RELAY_BATCH = 500;

    private final PlatformUnderBench platform;
    private final PostgresActivity postgres;
    private final Path repoRoot;

    CommandFloor(PlatformUnderBench platform, PostgresActivity postgres, Path repoRoot) {
        this.platform = platform;
        this.postgres = postgres;
        this.repoRoot = repoRoot;
    }

    /** pgbench from the PATH (Debian: package postgresql-contrib or the server's), if there is one. */
    static Optional<Path> pgbench() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "pgbench")).filter(Files::isExecutable).findFirst();
    }

    /** PostgreSQL's CPU milliseconds per command, {@code batch} commands per transaction in one statement each. */
    double postgresMillisPerCommand(Path pgbench, int commands, int batch, int payloadBytes)
            throws IOException, InterruptedException, SQLException {
        return postgresMillisPerCommand(pgbench, commands, batch, script(batch, payloadBytes));
    }

    /**
     * The same, each command with its own statements as the services send them (the aggregate's lookup, the event
     * with its outbox row, the read-model row), {@code batch} per transaction, each in a savepoint if asked: what
     * sharing a transaction between commands (group commit) would save on PostgreSQL, set against
     * {@link #postgresMillisPerCommand(Path, int, int, int)}'s one statement for many commands.
     */
    double postgresMillisPerCommandStatementByStatement(Path pgbench, int commands, int batch, boolean savepoints,
            int payloadBytes) throws IOException, InterruptedException, SQLException {
        return postgresMillisPerCommand(pgbench, commands, batch, statementByStatementScript(batch, savepoints, payloadBytes));
    }

    private double postgresMillisPerCommand(Path pgbench, int commands, int batch, String script)
            throws IOException, InterruptedException, SQLException {
        createDatabase();
        try {
            int transactionsPerClient = Math.max(1, commands / (CLIENTS * batch));
            CpuMeter cpu = platform.cpuMeter();
            Map<String, Duration> before = cpu.read();
            runPgbench(pgbench, script, transactionsPerClient, cpu);
            try (Connection relay = postgres.connect(DATABASE)) {
                int relayed = relayOutbox(relay);
                // Read before the connection closes: its backend's CPU time goes with it.
                return CpuMeter.spent(before, cpu.read()).get(CpuMeter.POSTGRES).toNanos() / 1e6 / relayed;
            }
        } finally {
            dropDatabase();
        }
    }

    /** Kafka's CPU (broker and client) in milliseconds per event of {@code bytes}, produced and read back once. */
    double kafkaMillisPerEvent(int events, int bytes) throws InterruptedException, ExecutionException, TimeoutException {
        String topic = TOPIC_PREFIX + "-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers()))) {
            int partitions = admin.describeTopics(Set.of(Topics.REGISTRY_EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.REGISTRY_EVENTS).partitions().size();
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                CpuMeter cpu = platform.cpuMeter();
                Map<String, Duration> before = cpu.read();
                produce(topic, events, bytes);
                consume(topic, events);
                Map<String, Duration> spent = CpuMeter.spent(before, cpu.read());
                return spent.get(CpuMeter.KAFKA).plus(spent.get(CpuMeter.LOAD_GENERATOR)).toNanos() / 1e6 / events;
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void createDatabase() throws SQLException, IOException {
        dropDatabase();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + DATABASE);
        }
        try (Connection connection = postgres.connect(DATABASE); Statement statement = connection.createStatement()) {
            // The platform's own tables, constraints, indexes and triggers.
            for (String migration : List.of("service-kit/src/main/resources/db/kit/V1__event_store_and_outbox.sql",
                    "registry-service/src/main/resources/db/migration/V100__registry_read_models.sql",
                    "registry-service/src/main/resources/db/migration/V101__component_container_images.sql")) {
                statement.execute(Files.readString(repoRoot.resolve(migration)));
            }
        }
    }

    private void dropDatabase() throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    /** One pgbench transaction: {@code batch} commands' events, outbox rows and read-model rows. */
    static String script(int batch, int payloadBytes) {
        return "begin;\n" + writes(batch, payloadBytes) + "commit;\n";
    }

    /** One pgbench transaction of {@code batch} commands, each its own lookup and writes, in a savepoint if asked. */
    static String statementByStatementScript(int batch, boolean savepoints, int payloadBytes) {
        // The lookup's key is a pgbench variable: gen_random_uuid() in the condition is volatile and would scan the table.
        String command = """
                \\set key random(1, 2000000000)
                select component_key, version from component_version where component_key = 'probe-' || :key;
                """ + writes(1, payloadBytes);
        String each = savepoints ? "savepoint command;\n" + command + "release savepoint command;\n" : command;
        return "begin;\n" + each.repeat(batch) + "commit;\n";
    }

    /** {@code commands} commands' events, outbox rows and read-model rows: one statement for the log, one for the read model. */
    private static String writes(int commands, int payloadBytes) {
        return """
                with event_row as (
                    select gen_random_uuid() as event_id from generate_series(1, %1$d)),
                appended as (
                    insert into event_store (event_id, aggregate_type, aggregate_id, aggregate_version, tenant_id, event_type,
                                             occurred_at, actor, correlation_id, payload)
                    select event_id, 'component', event_id::text, 1, 'platform', 'ComponentRegistered', now(), 'bench-admin',
                           event_id::text, convert_to(repeat('x', %2$d), 'UTF8')
                    from event_row
                    returning global_position)
                insert into outbox (event_position, topic) select global_position, '%3$s' from appended;
                insert into component_version (component_key, component_id, component_version, component_name, component_hash,
                        data_processing_capabilities, supported_data_formats, resource_requirements, security_clearance_level,
                        compliance_certifications, dependencies, data_lineage_tracking, status, version, registered_at, updated_at)
                select k || '-1.0.0', k, '1.0.0', 'Floor ' || k, md5(k), array['transform', 'validate'], array['csv'],
                       '{"cpu": 2, "memory": "4Gi"}', 'internal', array['SOC2'], '{}', false, 'ACTIVE', 1, now(), now()
                from (select gen_random_uuid()::text as k from generate_series(1, %1$d)) component;
                """.formatted(commands, payloadBytes, Topics.REGISTRY_EVENTS);
    }

    /**
     * Runs pgbench with {@code script}, reading the CPU meter every 100 ms meanwhile so that its backends' CPU time is
     * seen before they exit.
     */
    private void runPgbench(Path pgbench, String script, int transactionsPerClient, CpuMeter cpu) throws IOException, InterruptedException {
        Path scriptFile = Files.writeString(Files.createTempFile("mdp-floor-", ".sql"), script);
        Path output = Files.createTempFile("mdp-floor-", ".log");
        try {
            ProcessBuilder command = new ProcessBuilder(pgbench.toString(), "--no-vacuum", "--host=127.0.0.1",
                    "--port=" + platform.postgresPort(), "--username=" + PostgresActivity.USER, "--client=" + CLIENTS, "--jobs=1",
                    "--transactions=" + transactionsPerClient, "--file=" + scriptFile, DATABASE)
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            command.environment().put("PGPASSWORD", PostgresActivity.PASSWORD);
            Process process = command.start();
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                cpu.read();
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed:\n" + Files.readString(output));
            }
        } finally {
            Files.delete(scriptFile);
            Files.delete(output);
        }
    }

    /** The relay's share: read the oldest outbox rows with their events, delete them, as OutboxRelay does. */
    private static int relayOutbox(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        int relayed = 0;
        try (PreparedStatement select = connection.prepareStatement("""
                select o.id, o.topic, e.tenant_id, e.event_type, e.payload, e.occurred_at
                from outbox o join event_store e on e.global_position = o.event_position order by o.id limit ?""");
             PreparedStatement delete = connection.prepareStatement("delete from outbox where id = any(?)")) {
            select.setInt(1, RELAY_BATCH);
            while (true) {
                List<Long> ids = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                if (ids.isEmpty()) {
                    return relayed;
                }
                delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                delete.executeUpdate();
                connection.commit();
                relayed += ids.size();
            }
        }
    }

    private void produce(String topic, int events, int bytes) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        byte[] value = new byte[bytes];
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(topic, "component-" + i, value));
            }
            producer.flush();
        }
    }

    private void consume(String topic, int events) {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaActivity.consumer(platform.kafkaBootstrapServers())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (read < events && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            if (read < events) {
                throw new IllegalStateException("read " + read + " of " + events + " floor events back from " + topic);
            }
        }
    }
}
