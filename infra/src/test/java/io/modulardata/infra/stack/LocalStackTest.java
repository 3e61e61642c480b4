package io.modulardata.infra.stack;

import io.modulardata.events.Topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackTest {

    private static LocalStack stack;
    private static List<ProcessHandle> children;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.startAll(StackConfig.temporary());
        children = ProcessHandle.current().children().toList();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void createsThePlatformTopicsWithThreePartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            var topics = admin.describeTopics(Topics.ALL).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics).containsOnlyKeys(Topics.ALL);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
        }
        stack.createTopics(); // idempotent
    }

    @Test
    void kafkaDeliversAProducedRecordToAConsumer() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.REGISTRY_EVENTS, "tenant-1", "hello")).get(10, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(Set.of(Topics.REGISTRY_EVENTS));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                assertThat(received).extracting(ConsumerRecord::value).containsExactly("hello");
            });
        }
    }

    @Test
    void postgresAnswersOnACreatedDatabase() throws Exception {
        stack.createDatabase("orders");
        stack.createDatabase("orders"); // idempotent
        try (Connection connection = Databases.connect(stack.postgres(), "orders");
             ResultSet result = connection.createStatement().executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
        assertThat(stack.jdbcUrl("orders")).isEqualTo("jdbc:postgresql://127.0.0.1:" + stack.postgresPort() + "/orders");
        assertThat(stack.reactiveUrl("orders")).isEqualTo("postgresql://127.0.0.1:" + stack.postgresPort() + "/orders");
    }

    @Test
    void registryAnswersSystemInfo() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/system/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"version\":\"3.0.9\"");
        assertThat(stack.registryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/registry/v3");
    }

    @Test
    void eachServerLogsToItsOwnFile() {
        assertThat(stack.logFile("kafka")).isRegularFile().content().contains("Kafka Server started");
        assertThat(stack.logFile("apicurio")).isRegularFile();
        assertThat(stack.logFile("postgres")).isRegularFile();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void stopLeavesNoProcessBehindAndRemovesTheTemporaryFolder() {
        Path dataDir = stack.dataDir();
        assertThat(children).hasSizeGreaterThanOrEqualTo(2);
        assertThat(processesMentioning(dataDir)).isNotEmpty();

        stack.stop();

        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(processesMentioning(dataDir)).isEmpty();
        assertThat(dataDir).doesNotExist();
    }

    /** PostgreSQL is not a child (pg_ctl daemonizes it) but its command line names the data folder. */
    private static List<ProcessHandle> processesMentioning(Path dataDir) {
        return ProcessCommandLine.mentioning(dataDir);
    }
}
