package io.modulardata.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modulardata.events.Topics;
import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.RecordedEvent;

/**
 * A real crash between commit and publish: registry-service commits a command while its relay is
 * off, is killed with SIGKILL, and starts again. The event must reach Kafka, exactly once.
 */
class OutboxCrashRecoveryIT {

    @Test
    void anEventCommittedBeforeAKillIsPublishedOnceAfterTheRestart() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "platform-");
        String tenantId = "crash" + UUID.randomUUID().toString().substring(0, 8);

        try (PlatformProcess platform = PlatformProcess.start(dataDir, "--no-services");
             EventProbe events = new EventProbe(platform.kafkaBootstrapServers(), platform.registryUrl(),
                     List.of(Topics.REGISTRY_EVENTS))) {
            String admin = platform.token("platform-admin");

            ServiceProcess beforeCrash = ServiceProcess.start(platform, "registry-service", "registry",
                    Map.of("MDP_OUTBOX_ENABLED", "false"));
            HttpResponse<String> created = beforeCrash.post("/tenants", admin, """
                    {"tenantId": "%s", "tenantName": "Crash test", "dataProcessingTier": "BASIC",
                     "maxConcurrentJobs": 1, "allowedDataEnvironments": ["DEVELOPMENT"]}""".formatted(tenantId));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            beforeCrash.kill();

            OutboxRows outbox = new OutboxRows(platform.postgres(), "registry");
            assertThat(outbox.pendingEventIds()).as("committed, not published, at the crash").hasSize(1);
            assertThat(events.collectToEnd(Duration.ofSeconds(30)))
                    .as("nothing was published before the crash")
                    .noneMatch(event -> tenantId.equals(event.field("aggregateId")));

            try (ServiceProcess afterRestart = ServiceProcess.start(platform, "registry-service", "registry", Map.of())) {
                RecordedEvent published = events.await(e -> tenantId.equals(e.field("aggregateId")), Duration.ofSeconds(30));
                assertThat(published.type()).isEqualTo("io.modulardata.events.TenantRegistered");
                // Once the outbox row is gone nothing can send the event again: count the copies up to the end.
                await().atMost(Duration.ofSeconds(30)).until(outbox::isEmpty);
                assertThat(events.collectToEnd(Duration.ofSeconds(30)))
                        .filteredOn(event -> published.eventId().equals(event.eventId()))
                        .hasSize(1);
            }
        }
    }
}
