package io.modulardata.kit.command;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.modulardata.kit.eventstore.ConcurrencyConflictException;
import io.modulardata.kit.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Runs a command in one database transaction (events, read model and outbox together). A command that
 * lost an optimistic-concurrency race is run again on fresh state a few times (it re-validates, so
 * this is safe); only then does the caller get {@link ConcurrencyConflictException}. Once committed,
 * the outbox relay is woken so the events reach Kafka without waiting for the next poll.
 */
@ApplicationScoped
public class CommandRunner {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int RETRIES = 4;

    private final OutboxRelay relay;

    public CommandRunner(OutboxRelay relay) {
        this.relay = relay;
    }

    public <T> Uni<T> inTransaction(Supplier<Uni<T>> command) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(command))
                .onFailure(CommandRunner::isUniqueViolation)
                .transform(failure -> new ConcurrencyConflictException("Concurrent change of the same aggregate", failure))
                .onFailure(ConcurrencyConflictException.class).retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(100)).withJitter(0.5).atMost(RETRIES)
                .invoke(relay::wakeUp);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Hibernate Reactive reports the driver's error as an SQLException; the raw client as a PgException.
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    || cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
