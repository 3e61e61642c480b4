package io.modulardata.systemtests;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.modulardata.fixtures.EventProbe;
import io.modulardata.fixtures.RecordedEvent;

/** A rollout as deployment-events tell it: its phases and how it ended, read by the rollout fault tests. */
final class RolloutHistory {

    static final String REQUESTED = "DeploymentRequested";
    static final String SUCCEEDED = "DeploymentSucceeded";
    static final Set<String> ENDINGS = Set.of(SUCCEEDED, "DeploymentFailed", "DeploymentRolledBack");

    private RolloutHistory() {
    }

    /**
     * The rollout's events in the order they were published, one per eventId: the outbox relay delivers at
     * least once, so a copy resent after a kill (same eventId) is the same event. A phase done twice would be
     * two events. Each is named by its phase, or by its type when it has no phase.
     */
    static List<String> of(EventProbe events, String deploymentId) {
        Map<String, String> byEventId = new LinkedHashMap<>();
        events.collect(Duration.ofSeconds(1)).stream()
                .filter(event -> deploymentId.equals(event.field("aggregateId")))
                .forEach(event -> byEventId.putIfAbsent(event.eventId(),
                        phase(event) != null ? phase(event) : simpleType(event)));
        return List.copyOf(byEventId.values());
    }

    /** Whether the event ends the rollout {@code deploymentId}. */
    static boolean endsRollout(RecordedEvent event, String deploymentId) {
        return deploymentId.equals(event.field("aggregateId")) && ENDINGS.contains(simpleType(event));
    }

    /** The phase of a DeploymentPhaseCompleted; null for the other events, which have no such field. */
    static String phase(RecordedEvent event) {
        return event.value().getSchema().getField("phase") == null ? null : event.field("phase");
    }

    static String simpleType(RecordedEvent event) {
        return event.type().substring(event.type().lastIndexOf('.') + 1);
    }
}
