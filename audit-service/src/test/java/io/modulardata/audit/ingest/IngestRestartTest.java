package io.modulardata.audit.ingest;

import static io.modulardata.audit.support.AuditApi.asAuditor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Ingest stops and starts again (as on a restart) without gaps, and redelivered events are not stored twice. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
class IngestRestartTest {

    /** The Prometheus scrape, on the management interface (its own port). */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    AuditIngestor ingestor;

    @AfterEach
    void running() {
        ingestor.start();
    }

    @Test
    void eventsPublishedWhileIngestIsDownArriveOnceAfterItStartsAgain() {
        String tenantId = TestEvents.newTenantId();
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.granted(tenantId, "etl-core", "1.0.0", "alice"));
            AuditIngestTest.awaitEvents(tenantId, 1);

            ingestor.stop();
            for (int i = 1; i <= 4; i++) {
                publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.granted(tenantId, "etl-core", "1.0." + i, "alice"));
            }
            // Stopped means no consumer in the group: nothing can read the four events until the start below.
            assertThat(auditGroupMembers()).as("members of the audit-service consumer group").isZero();
            assertThat(events(tenantId).getList("items")).hasSize(1);
            ingestor.start();
        }

        List<Long> sequences = AuditIngestTest.awaitEvents(tenantId, 5).getList("items.sequence", Long.class);
        assertThat(sequences).doesNotHaveDuplicates();
        assertThat(sequences.get(0) - sequences.get(4)).isEqualTo(4); // no gap
        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void eventsReadAgainAfterACrashBeforeTheOffsetCommitAreNotStoredTwice() throws Exception {
        String tenantId = TestEvents.newTenantId();
        try (EventPublisher publisher = EventPublisher.forServiceUnderTest()) {
            for (int i = 0; i < 3; i++) {
                publisher.publish(Topics.REGISTRY_EVENTS, TestEvents.granted(tenantId, "etl-core", "2.0." + i, "alice"));
            }
        }
        JsonPath stored = AuditIngestTest.awaitEvents(tenantId, 3);
        double duplicatesBefore = duplicatesDropped();

        // As if the rows were committed but the offsets were not: the group is set back to the first of them.
        ingestor.stop();
        int partition = stored.getInt("items[2].partition");
        long firstOffset = stored.getLong("items[2].offset");
        Map<TopicPartition, OffsetAndMetadata> rewind = new HashMap<>();
        rewind.put(new TopicPartition(Topics.REGISTRY_EVENTS, partition), new OffsetAndMetadata(firstOffset));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStackTestResource.stack().kafkaBootstrapServers()))) {
            admin.alterConsumerGroupOffsets("audit-service", rewind).all().get();
        }
        ingestor.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesDropped() >= duplicatesBefore + 3);
        assertThat(events(tenantId).getList("items")).hasSize(3);
        asAuditor().get("/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    private static int auditGroupMembers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStackTestResource.stack().kafkaBootstrapServers()))) {
            return admin.describeConsumerGroups(List.of("audit-service")).all().get().get("audit-service").members().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath events(String tenantId) {
        return asAuditor().queryParam("tenantId", tenantId).get("/audit/events").then().statusCode(200).extract().jsonPath();
    }

    private double duplicatesDropped() {
        String scrape = given().get(metrics).then().statusCode(200).extract().asString();
        return scrape.lines().filter(line -> line.startsWith("audit_duplicates_dropped_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
