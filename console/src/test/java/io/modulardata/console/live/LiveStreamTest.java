package io.modulardata.console.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.modulardata.console.support.ConsoleTest;
import io.modulardata.console.support.Events;
import io.modulardata.console.support.SseClient;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.TestTokens;
import io.restassured.RestAssured;

/** The live stream as it goes over the wire, read with a plain HTTP client. */
@ConsoleTest
class LiveStreamTest {

    private static EventPublisher publisher;

    @BeforeAll
    static void publisher() {
        publisher = Events.publisher();
    }

    @AfterAll
    static void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void aTenantUsersStreamCarriesOnlyItsOwnTenantsEvents() {
        String alpha = Events.newTenantId("alpha");
        String beta = Events.newTenantId("beta");
        String component = Events.newTenantId("comp"); // a platform-wide component, granted to alpha
        try (SseClient own = SseClient.open(url("/live"), TestTokens.tenantUser(alpha)).awaitOpen();
                SseClient everything = SseClient.open(url("/live"), TestTokens.platformAdmin()).awaitOpen()) {
            List<SpecificRecordBase> story = List.of(
                    Events.tenantRegistered(beta, "Beta Ltd", 2),
                    Events.security(beta, "key_created", Map.of("keyVersion", "1", "origin", "derived")),
                    Events.componentRegistered(component, "1.0.0"),
                    Events.tenantRegistered(alpha, "Alpha Ltd", 2),
                    Events.granted(alpha, component, "1.0.0"));
            publish(story.subList(0, 3));
            publish(story.subList(3, 5));

            String lastOfAlpha = story.get(4).get("eventId").toString();
            await().atMost(Duration.ofSeconds(20)).until(() -> carries(own, lastOfAlpha) && carries(everything, lastOfAlpha));

            assertThat(everything.messages("event")).extracting(SseClient.Message::data)
                    .anyMatch(data -> data.contains(beta));
            assertThat(own.messages("event")).extracting(SseClient.Message::data)
                    .anyMatch(data -> data.contains(alpha))
                    .noneMatch(data -> data.contains(beta))
                    .noneMatch(data -> data.contains("data-tenant=\"platform\""));
            // Nothing else on the wire names the other tenant either (refresh messages name event types only).
            assertThat(own.messages()).extracting(SseClient.Message::data).noneMatch(data -> data.contains(beta));
            await().atMost(Duration.ofSeconds(5)).until(() -> !own.messages("refresh").isEmpty());
        }
    }

    @Test
    void aReconnectingStreamIsReplayedWhatItMissedOnceAndInOrder() {
        String tenant = Events.newTenantId("replay");
        List<SpecificRecordBase> first = List.of(Events.tenantRegistered(tenant, "Replay Ltd", 1),
                Events.granted(tenant, "etl-core", "1.0.0"), Events.granted(tenant, "etl-core", "2.0.0"));
        String since;
        try (SseClient watcher = SseClient.open(url("/live?tenant=" + tenant), TestTokens.platformAdmin()).awaitOpen()) {
            publish(first);
            await().atMost(Duration.ofSeconds(20)).until(() -> watcher.messages("event").size() == 3);
            since = watcher.messages("event").get(0).id();
        }

        try (SseClient resumed = SseClient.open(url("/live?tenant=" + tenant + "&after=" + since), TestTokens.platformAdmin())
                .awaitOpen()) {
            var later = Events.granted(tenant, "etl-core", "3.0.0");
            publish(List.of(later));
            await().atMost(Duration.ofSeconds(20)).until(() -> carries(resumed, later.getEventId().toString()));

            assertThat(resumed.messages("event")).extracting(message -> eventId(message.data())).containsExactly(
                    first.get(1).get("eventId").toString(), first.get(2).get("eventId").toString(),
                    later.getEventId().toString());
            List<Long> ids = resumed.messages("event").stream().map(message -> Long.parseLong(message.id())).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void anEventReachesTheStreamWithinASecondOfReachingItsTopic() {
        String tenant = Events.newTenantId("fast");
        try (SseClient stream = SseClient.open(url("/live?tenant=" + tenant), TestTokens.platformAdmin()).awaitOpen()) {
            for (int i = 0; i < 5; i++) {
                var event = Events.granted(tenant, "etl-core", i + ".0.0");
                publisher.publish("registry-events", event); // returns once the broker has it
                long acknowledged = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                        .until(() -> carries(stream, event.getEventId().toString()));
                assertThat(Duration.ofNanos(System.nanoTime() - acknowledged)).isLessThan(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void aStreamWithoutAValidTokenIsRefused() {
        try (SseClient none = SseClient.open(url("/live"), null);
                SseClient stranger = SseClient.open(url("/live"), TestTokens.signedByStranger("platform-admin"))) {
            assertThat(none.status()).isEqualTo(401);
            assertThat(stranger.status()).isEqualTo(401);
        }
    }

    /** Each event on its topic, as the services publish them. */
    static void publish(List<? extends SpecificRecordBase> events) {
        for (SpecificRecordBase event : events) {
            String type = event.getSchema().getName();
            String topic = type.equals("SecurityEvent") ? "security-events"
                    : type.startsWith("Deployment") ? "deployment-events" : "registry-events";
            publisher.publish(topic, event);
        }
    }

    static boolean carries(SseClient stream, String eventId) {
        return stream.messages("event").stream().anyMatch(message -> message.data().contains("data-event-id=\"" + eventId + "\""));
    }

    static String eventId(String row) {
        var matcher = java.util.regex.Pattern.compile("data-event-id=\"([^\"]+)\"").matcher(row);
        return matcher.find() ? matcher.group(1) : null;
    }

    static String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }
}
