package io.modulardata.audit.metrics;

import static io.modulardata.audit.support.AuditApi.asAuditor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modulardata.audit.support.AuditTopicsResource;
import io.modulardata.audit.support.Grants;
import io.modulardata.audit.support.Insider;
import io.modulardata.audit.support.OwnerDb;
import io.modulardata.audit.support.TestEvents;
import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.ScrapedMetrics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** What audit-service tells Prometheus: events consumed per topic, its lag, the chain head and verification results. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "audit"))
@WithTestResource(JwtTestResource.class)
@WithTestResource(AuditTopicsResource.class)
class AuditMetricsTest {

    private static final Map<String, String> REGISTRY_EVENTS = Map.of("group", "audit-service", "topic", "registry-events");
    private static final Duration INGESTED = Duration.ofSeconds(30);

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void exportsEventsConsumedPerTopicTheLagAndTheChainHead() {
        double consumedBefore = scrape().value("events_consumed_total", REGISTRY_EVENTS).orElse(0);

        List<Long> sequences = Grants.ingest(TestEvents.newTenantId(), 3, INGESTED);

        await().atMost(INGESTED).untilAsserted(() -> assertThat(scrape().value("events_consumed_total", REGISTRY_EVENTS))
                .hasValue(consumedBefore + 3));
        await().atMost(INGESTED).untilAsserted(() -> {
            // From the log itself: /audit/events lists by occurrence, and an earlier test's event may carry an older time.
            long newest = newestSequence();
            assertThat(newest).isGreaterThanOrEqualTo(Collections.max(sequences));
            assertThat(scrape().value("audit_chain_head")).hasValue(newest);
        });
        await().atMost(INGESTED).untilAsserted(() -> assertThat(scrape().value("consumer_lag", REGISTRY_EVENTS)).hasValue(0));
    }

    @Test
    void exportsWhatTheLatestVerificationFound() throws SQLException {
        List<Long> sequences = Grants.ingest(TestEvents.newTenantId(), 2, INGESTED);
        long start = Instant.now().getEpochSecond();
        double validBefore = verifications("valid");
        double brokenBefore = verifications("broken");

        verify(sequences).body("valid", equalTo(true));
        assertThat(verifications("valid")).isEqualTo(validBefore + 1);
        assertThat(scrape().value("audit_chain_valid")).hasValue(1);
        assertThat(scrape().value("audit_chain_last_verification_timestamp_seconds").orElseThrow()).isGreaterThanOrEqualTo(start);

        long edited = sequences.get(1);
        String actor = Insider.value("actor", edited);
        OwnerDb.tamper("update audit_entry set actor = 'mallory' where sequence = " + edited);
        try {
            verify(sequences).body("valid", equalTo(false));
        } finally {
            OwnerDb.tamper("update audit_entry set actor = '" + actor + "' where sequence = " + edited);
        }
        assertThat(verifications("broken")).isEqualTo(brokenBefore + 1);
        assertThat(scrape().value("audit_chain_valid")).hasValue(0);
    }

    private static io.restassured.response.ValidatableResponse verify(List<Long> sequences) {
        return asAuditor().queryParam("from", sequences.get(0)).queryParam("to", sequences.get(sequences.size() - 1))
                .get("/audit/verify").then().statusCode(200);
    }

    private double verifications(String result) {
        return scrape().value("audit_verifications_total", Map.of("result", result)).orElse(0);
    }

    private static long newestSequence() throws SQLException {
        try (Connection connection = OwnerDb.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select max(sequence) from audit_entry")) {
            result.next();
            return result.getLong(1);
        }
    }

    private ScrapedMetrics scrape() {
        return new ScrapedMetrics(given().get(metrics).then().statusCode(200).extract().asString());
    }
}
