package io.modulardata.console.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.modulardata.console.platform.PlatformServices;
import io.modulardata.console.platform.Query;
import io.modulardata.console.platform.ServiceAnswer;

/**
 * The audit chain as audit-service shows it to the signed-in user: its head (newest entry and latest signed
 * checkpoint), and the result and time of the last verification anyone ran from the console.
 */
@ApplicationScoped
public class AuditChain {

    private final PlatformServices services;
    private final AtomicReference<Verification> last = new AtomicReference<>();

    public AuditChain(PlatformServices services) {
        this.services = services;
    }

    /** The newest entry's sequence and hash, the latest checkpoint; or why they could not be read. */
    public record Head(Long sequence, String hash, Instant occurredAt, Long checkpointSequence, Instant checkpointAt,
            String error) {
    }

    /** A verification's result as audit-service gave it, with when and by whom it ran. */
    public record Verification(boolean valid, long checkedEntries, Long firstBrokenSequence, String reason, String range,
            Instant at, String by) {
    }

    public Head head(String token) {
        ServiceAnswer newest = services.get(PlatformServices.AUDIT, "/audit/events?limit=1", token, "application/json");
        if (!newest.ok()) {
            return new Head(null, null, null, null, null, newest.message());
        }
        JsonNode entry = newest.json().path("items").path(0);
        ServiceAnswer checkpoints = services.get(PlatformServices.AUDIT, "/audit/checkpoints?limit=1", token, "application/json");
        JsonNode checkpoint = checkpoints.ok() && checkpoints.json().isArray() ? checkpoints.json().path(0) : null;
        return new Head(
                entry.isMissingNode() ? null : entry.path("sequence").asLong(),
                entry.isMissingNode() ? null : entry.path("hash").asText(),
                entry.isMissingNode() ? null : Instant.parse(entry.path("occurredAt").asText()),
                checkpoint == null || checkpoint.isMissingNode() ? null : checkpoint.path("sequence").asLong(),
                checkpoint == null || checkpoint.isMissingNode() || !checkpoint.hasNonNull("createdAt") ? null
                        : Instant.parse(checkpoint.path("createdAt").asText()),
                null);
    }

    /** Runs audit-service's verification of the whole chain, or of a range, and remembers the result. */
    public Verification verify(String token, String user, String from, String to) {
        ServiceAnswer answer = services.get(PlatformServices.AUDIT, "/audit/verify" + Query.of().add("from", from).add("to", to),
                token, "application/json");
        if (!answer.ok()) {
            throw new AuditCallFailed(answer.message());
        }
        JsonNode result = answer.json();
        String range = (from == null || from.isBlank()) && (to == null || to.isBlank()) ? "whole chain"
                : "from " + (from == null || from.isBlank() ? "the start" : from) + " to " + (to == null || to.isBlank() ? "the end" : to);
        Verification verification = new Verification(result.path("valid").asBoolean(), result.path("checkedEntries").asLong(),
                result.hasNonNull("firstBrokenSequence") ? result.path("firstBrokenSequence").asLong() : null,
                result.path("reason").asText(""), range, Instant.now(), user);
        last.set(verification);
        return verification;
    }

    public Optional<Verification> lastVerification() {
        return Optional.ofNullable(last.get());
    }

    /** audit-service refused or could not be reached; the message says which. */
    public static final class AuditCallFailed extends RuntimeException {
        public AuditCallFailed(String message) {
            super(message);
        }
    }
}
