package io.modulardata.console.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.modulardata.console.support.ConsoleTest;
import io.modulardata.console.support.Events;
import io.modulardata.console.support.SseClient;
import io.modulardata.events.SecurityEvent;
import io.modulardata.fixtures.EventPublisher;
import io.modulardata.fixtures.TestTokens;
import io.restassured.RestAssured;

/** A burst of 1,000 events, published as fast as the producer goes: every one reaches the stream, none twice. */
@ConsoleTest
class KeepUpTest {

    static final int BURST = 1000;
    private static final Pattern EVENT_ID = Pattern.compile("data-event-id=\"([^\"]+)\"");

    @Test
    void everyEventOfABurstAppearsOnceInTheStream() {
        String tenant = Events.newTenantId("burst");
        List<String> published = new ArrayList<>();
        try (SseClient stream = SseClient.open("http://localhost:" + RestAssured.port + "/live?tenant=" + tenant,
                TestTokens.platformAdmin()).awaitOpen();
                EventPublisher publisher = Events.publisher()) {
            for (int i = 0; i < BURST; i++) {
                SecurityEvent event = Events.security(tenant, "data_encryption", Map.of("n", Integer.toString(i)));
                published.add(event.getEventId().toString());
                publisher.publishAsync("security-events", event);
            }
            publisher.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> stream.messages("event").size() >= BURST);

            List<String> received = stream.messages("event").stream().map(message -> eventId(message.data())).toList();
            assertThat(received).hasSize(BURST).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
        }
    }

    private static String eventId(String row) {
        Matcher matcher = EVENT_ID.matcher(row);
        return matcher.find() ? matcher.group(1) : null;
    }
}
