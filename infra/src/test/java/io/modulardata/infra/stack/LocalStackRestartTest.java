package io.modulardata.infra.stack;

import io.modulardata.events.Topics;

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
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Fault tests restart a server under running clients: same address, same data, and the stack still stops it. */
class LocalStackRestartTest {

    private static Path dataDir;
    private static LocalStack stack;

    @BeforeAll
    static void startServers() throws Exception {
        dataDir = Files.createTempDirectory("mdp-restart-");
        // Apicurio is not needed here; PostgreSQL and Kafka are what fault tests restart.
        stack = new LocalStack(StackConfig.builder().dataDir(dataDir).build()).startPostgres().startKafka().createTopics();
    }

    @AfterAll
    static void stopServers() {
        if (stack != null) {
            stack.stop();
        }
        LocalStack.deleteRecursively(dataDir);
    }

    @Test
    void restartedPostgresAnswersOnTheSamePortWithTheSameData() throws Exception {
        stack.createDatabase("faults");
        try (Connection connection = Databases.connect(stack.postgres(), "faults");
             Statement statement = connection.createStatement()) {
            statement.execute("create table kept (value text)");
            statement.execute("insert into kept values ('before the restart')");
        }
        int port = stack.postgresPort();

        stack.restartPostgres();

        assertThat(stack.postgresPort()).isEqualTo(port);
        try (Connection connection = Databases.connect(stack.postgres(), "faults");
             ResultSet result = connection.createStatement().executeQuery("select value from kept")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("before the restart");
        }
    }

    @Test
    void restartedKafkaAnswersOnTheSamePortWithTheSameRecords() throws Exception {
        String key = "restart-" + UUID.randomUUID();
        String bootstrap = stack.kafkaBootstrapServers();
        produce(bootstrap, key, "before");

        stack.restartKafka();

        assertThat(stack.kafkaBootstrapServers()).isEqualTo(bootstrap);
        produce(bootstrap, key, "after");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, key,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(Set.of(Topics.REGISTRY_EVENTS));
            List<String> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        received.add(record.value());
                    }
                }
                assertThat(received).containsExactly("before", "after");
            });
        }
    }

    @Test
    void refusesToRestartServersItDidNotStart() {
        LocalStack external = new LocalStack(StackConfig.builder().shutdownHook(false)
                .externalKafka(stack.kafkaBootstrapServers()).externalPostgres(stack.postgres()).build());
        try {
            external.startPostgres().startKafka();
            assertThatThrownBy(external::restartKafka).isInstanceOf(IllegalStateException.class).hasMessageContaining("Kafka");
            assertThatThrownBy(external::restartPostgres).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PostgreSQL");
        } finally {
            external.stop();
        }
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.REGISTRY_EVENTS, key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}
