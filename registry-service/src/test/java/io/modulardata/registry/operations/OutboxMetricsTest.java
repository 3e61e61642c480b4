package io.modulardata.registry.operations;

import static io.modulardata.registry.support.RegistryApi.newTenantId;
import static io.modulardata.registry.support.RegistryApi.registerTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.modulardata.fixtures.JwtTestResource;
import io.modulardata.fixtures.LocalStackTestResource;
import io.modulardata.fixtures.ScrapedMetrics;
import io.modulardata.kit.outbox.OutboxRelay;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox as Prometheus sees it: events published per topic, what waits for Kafka, and the backends' readiness. */
@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@WithTestResource(JwtTestResource.class)
class OutboxMetricsTest {

    private static final Map<String, String> REGISTRY_EVENTS = Map.of("topic", "registry-events");
    private static final Duration SOON = Duration.ofSeconds(30);

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    OutboxRelay relay;

    @Test
    void countsPublishedEventsPerTopic() {
        registerTenant(newTenantId());
        await().atMost(SOON).until(() -> scrape().value("outbox_pending").orElse(-1) == 0);
        double before = scrape().value("outbox_published_total", REGISTRY_EVENTS).orElseThrow();

        registerTenant(newTenantId());

        await().atMost(SOON).untilAsserted(() -> assertThat(scrape().value("outbox_published_total", REGISTRY_EVENTS))
                .hasValue(before + 1));
    }

    @Test
    void exportsTheBacklogWhileTheRelayIsStuck() {
        relay.pause();
        try {
            registerTenant(newTenantId());
            await().atMost(SOON).untilAsserted(() -> {
                ScrapedMetrics scraped = scrape();
                assertThat(scraped.value("outbox_pending")).hasValue(1);
                assertThat(scraped.value("outbox_oldest_pending_seconds").orElseThrow()).isGreaterThan(0);
            });
        } finally {
            relay.resume();
        }
        await().atMost(SOON).untilAsserted(() -> {
            ScrapedMetrics scraped = scrape();
            assertThat(scraped.value("outbox_pending")).hasValue(0);
            assertThat(scraped.value("outbox_oldest_pending_seconds")).hasValue(0);
        });
    }

    @Test
    void exportsTheReadinessOfPostgresqlAndKafka() {
        await().atMost(SOON).untilAsserted(() -> {
            ScrapedMetrics scraped = scrape();
            assertThat(scraped.value("readiness_check_up", Map.of("check", "Reactive PostgreSQL connections health check")))
                    .hasValue(1);
            assertThat(scraped.value("readiness_check_up", Map.of("check", "SmallRye Reactive Messaging - readiness check")))
                    .hasValue(1);
        });
    }

    private ScrapedMetrics scrape() {
        return new ScrapedMetrics(given().get(metrics).then().statusCode(200).extract().asString());
    }
}
