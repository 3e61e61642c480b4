package io.modulardata.kit.command;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.modulardata.kit.events.EventMetadata;

/** Who issued a command and which request it belongs to; stamps the events the command causes. */
public record CommandContext(String actor, String correlationId, Clock clock) {

    public CommandContext(String actor, String correlationId) {
        this(actor, correlationId, Clock.systemUTC());
    }

    /**
     * Envelope for an event of an aggregate. Millisecond precision, as the Avro timestamp keeps. The
     * aggregate version is left unset (0): the recorder stamps it, from the version the command loaded.
     */
    public EventMetadata metadata(String tenantId, String aggregateId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new EventMetadata(UUID.randomUUID(), now, tenantId, actor, correlationId, aggregateId, EventMetadata.UNVERSIONED);
    }
}
